package dev.outpost.agent.ssh;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.session.Session;

/**
 * Ends a session whose client has sent nothing for the certificate's client idle timeout (the
 * shortest {@code client_idle_timeout} of the user's roles). Only input counts: a process that
 * keeps printing, or keep-alives, do not keep an abandoned terminal open.
 */
final class ClientIdleWatch {
  private static final ClientIdleWatch NONE = new ClientIdleWatch(null, null, null);

  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private final Runnable onIdle;
  private volatile long lastInput = System.nanoTime();
  private volatile boolean stopped;
  private ScheduledFuture<?> check;

  private ClientIdleWatch(Duration timeout, ScheduledExecutorService timer, Runnable onIdle) {
    this.timeout = timeout;
    this.timer = timer;
    this.onIdle = onIdle;
  }

  /** Watches {@code session} when its certificate sets a timeout; {@code onIdle} runs once. */
  static ClientIdleWatch start(Session session, Runnable onIdle) {
    return SessionPermissions.clientIdleTimeout(session)
        .map(timeout -> {
          ClientIdleWatch watch = new ClientIdleWatch(timeout,
              session.getFactoryManager().getScheduledExecutorService(), onIdle);
          watch.checkIn(timeout.toNanos());
          return watch;
        })
        .orElse(NONE);
  }

  void inputArrived() {
    lastInput = System.nanoTime();
  }

  synchronized void stop() {
    stopped = true;
    if (check != null) {
      check.cancel(false);
    }
  }

  private synchronized void checkIn(long nanos) {
    if (!stopped) {
      check = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void check() {
    long idle = System.nanoTime() - lastInput;
    if (idle < timeout.toNanos()) {
      checkIn(timeout.toNanos() - idle);
      return;
    }
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    onIdle.run();
  }
}
