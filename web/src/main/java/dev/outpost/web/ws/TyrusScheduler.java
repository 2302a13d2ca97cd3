package dev.outpost.web.ws;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.BaseContainer;

/**
 * Moves the timers of this application's WebSocket sessions off the container's managed scheduler.
 *
 * <p>Tyrus starts a session's idle timer when it creates the session and restarts it on every
 * message it receives, by cancelling a task and scheduling a new one on the scheduler of its
 * WebSocket container. On Payara that is the default managed scheduled executor, whose every
 * {@code schedule} captures the caller's context and, for that, looks up {@code
 * ThreadContextProvider}s with a {@link java.util.ServiceLoader} over the application's class
 * loader, scanning every jar of the EAR. Per tunnel message that was the largest single cost of
 * relaying bytes on the proxy, and per new tunnel a tenth of admitting it in a reconnect storm
 * (docs/performance.md). The timer tasks need no context (one closes a session whose idle timeout
 * has passed), so the tunnel's own scheduler serves them just as well at a fraction of the cost.
 *
 * <p>Tyrus offers no setting for this, so the container's private field is replaced. If a Tyrus
 * version renames it, WebSockets keep working on the managed scheduler, only slower; that is said
 * once in the log.
 */
final class TyrusScheduler {
  private static final Logger LOG = Logger.getLogger(TyrusScheduler.class.getName());
  private static final Field SCHEDULER = schedulerField();

  private TyrusScheduler() {}

  /** Lets {@code scheduler} run the timers of every session {@code container} creates from now on. */
  static void install(Object container, ScheduledExecutorService scheduler) {
    if (SCHEDULER == null) {
      return;
    }
    if (!(container instanceof BaseContainer)) {
      LOG.warning(() -> "Tyrus timers stay on the managed scheduler: the WebSocket container is a "
          + (container == null ? "null" : container.getClass().getName()));
      return;
    }
    try {
      SCHEDULER.set(container, scheduler);
      LOG.info("WebSocket session timers run on the tunnel scheduler");
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("BaseContainer.managedScheduledExecutorService was made accessible", e);
    }
  }

  private static Field schedulerField() {
    try {
      Field field = BaseContainer.class.getDeclaredField("managedScheduledExecutorService");
      if (!ScheduledExecutorService.class.equals(field.getType())) {
        throw new NoSuchFieldException("BaseContainer.managedScheduledExecutorService is a "
            + field.getType().getName());
      }
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.log(Level.WARNING, "Tyrus timers stay on the managed scheduler, which costs CPU per"
          + " WebSocket session and message: " + e.getMessage());
      return null;
    }
  }
}
