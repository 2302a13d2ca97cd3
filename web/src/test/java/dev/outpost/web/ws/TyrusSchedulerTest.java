package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.tyrus.core.BaseContainer;
import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

/** Guards the one Tyrus internal the proxy relies on for throughput (see TyrusScheduler). */
class TyrusSchedulerTest {

  @Test
  void theContainerHandsItsSessionsTheGivenScheduler() throws Exception {
    // A container without its constructor, which looks the managed executors up in JNDI.
    BaseContainer container = (BaseContainer) unsafe().allocateInstance(Container.class);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      TyrusScheduler.install(container, scheduler);

      assertSame(scheduler, container.getScheduledExecutorService(),
          "what TyrusSession's constructor takes for its idle timer");
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static Unsafe unsafe() throws ReflectiveOperationException {
    Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    return (Unsafe) theUnsafe.get(null);
  }

  /** The least a concrete container needs; none of it is called. */
  private static final class Container extends BaseContainer {
    @Override
    public long getDefaultAsyncSendTimeout() {
      return 0;
    }

    @Override
    public void setAsyncSendTimeout(long timeout) {}

    @Override
    public Session connectToServer(Object endpoint, URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Session connectToServer(Class<?> endpoint, URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Session connectToServer(Endpoint endpoint, ClientEndpointConfig config, URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpoint, ClientEndpointConfig config,
        URI path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
      return 0;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {}

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
      return 0;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {}

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
      return 0;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {}

    @Override
    public Set<Extension> getInstalledExtensions() {
      return Set.of();
    }
  }
}
