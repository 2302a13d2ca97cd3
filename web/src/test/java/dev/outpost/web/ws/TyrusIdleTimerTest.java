package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.tyrus.core.TyrusSession;
import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

/** Guards the one Tyrus internal the proxy relies on for throughput (see TyrusIdleTimer). */
class TyrusIdleTimerTest {

  @Test
  void theSessionSchedulesItsIdleTimerOnTheGivenScheduler() throws Exception {
    // A session without its constructor: only the field matters, and Tyrus's constructor needs a
    // whole container.
    TyrusSession session = (TyrusSession) unsafe().allocateInstance(TyrusSession.class);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      TyrusIdleTimer.runOn(session, scheduler);

      Field service = TyrusSession.class.getDeclaredField("service");
      service.setAccessible(true);
      assertSame(scheduler, service.get(session));
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static Unsafe unsafe() throws ReflectiveOperationException {
    Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    return (Unsafe) theUnsafe.get(null);
  }
}
