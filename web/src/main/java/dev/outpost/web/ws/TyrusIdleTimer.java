package dev.outpost.web.ws;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * Moves a Tyrus session's idle timer off the container's managed scheduler.
 *
 * <p>Tyrus restarts a session's idle timer on every message it receives, by cancelling a task and
 * scheduling a new one on the scheduler its container hands it. On Payara that is the default
 * managed scheduled executor, whose every {@code schedule} captures the caller's context and, for
 * that, looks up {@code ThreadContextProvider}s with a {@link java.util.ServiceLoader} over the
 * application's class loader, scanning every jar of the EAR. Per tunnel message that was the
 * largest single cost of relaying bytes on the proxy (docs/performance.md). The timer task needs
 * no context (it closes the session when its idle timeout, off for tunnels, has passed), so the
 * tunnel's own scheduler serves it just as well at a fraction of the cost.
 *
 * <p>Tyrus offers no setting for this, so the session's private field is replaced. If a Tyrus
 * version renames it, tunnels keep working on the managed scheduler, only slower; that is said once
 * in the log.
 */
final class TyrusIdleTimer {
  private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
  private static final Field SCHEDULER = schedulerField();

  private TyrusIdleTimer() {}

  /** Lets {@code scheduler} run {@code session}'s idle timer from now on. */
  static void runOn(Session session, ScheduledExecutorService scheduler) {
    if (SCHEDULER == null || !(session instanceof TyrusSession)) {
      return;
    }
    try {
      SCHEDULER.set(session, scheduler);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("TyrusSession.service was made accessible", e);
    }
  }

  private static Field schedulerField() {
    try {
      Field field = TyrusSession.class.getDeclaredField("service");
      if (!ScheduledExecutorService.class.equals(field.getType())) {
        throw new NoSuchFieldException("TyrusSession.service is a " + field.getType().getName());
      }
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.log(Level.WARNING, "Tyrus idle timers stay on the managed scheduler, which costs CPU per"
          + " tunnel message: " + e.getMessage());
      return null;
    }
  }
}
