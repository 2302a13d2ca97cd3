package dev.outpost.client.tunnel;

import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.ws.UpgradeRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Keeps the agent's reverse tunnel up, forever: dial, stay connected until the tunnel closes, wait
 * a jittered backoff, dial again. Every step runs on the {@link TaskScheduler}; {@link #stop} may
 * come from any thread and wins over whatever step is in flight.
 *
 * <p>A proxy too busy to take the agent answers 503 with {@code Retry-After}; the agent waits that
 * long on top of its backoff.
 *
 * <p>The backoff starts over only after a connection that stayed up for {@link #STABLE_AFTER}:
 * a proxy that accepts and then drops the agent at once is retried ever more slowly, like one
 * that refuses it.
 */
public final class TunnelSupervisor {
  /** A connection that lasted this long was healthy; the next retry starts from the base delay. */
  public static final Duration STABLE_AFTER = Duration.ofSeconds(30);

  private static final String STOPPING = "stopping";

  private final TunnelDialer dialer;
  private final Backoff backoff;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final String proxy;
  private final ConnectionStateMachine machine = new ConnectionStateMachine();

  private Tunnel current;
  private Instant connectedAt;
  private Future<?> pending;

  /**
   * @param proxy the proxy's address, for log lines
   */
  public TunnelSupervisor(
      TunnelDialer dialer, Backoff backoff, TaskScheduler scheduler, Clock clock, String proxy) {
    this.dialer = dialer;
    this.backoff = backoff;
    this.scheduler = scheduler;
    this.clock = clock;
    this.proxy = proxy;
  }

  public ConnectionState state() {
    return machine.state();
  }

  /** Starts dialing; call once. */
  public synchronized void start() {
    machine.moveTo(ConnectionState.CONNECTING, "dialing " + proxy);
    pending = scheduler.schedule(this::dial, Duration.ZERO);
  }

  /**
   * Stops for good: cancels a pending retry and closes the current tunnel, which tells the proxy
   * (GOAWAY) and resets the streams still open. Idempotent.
   */
  public void stop() {
    Tunnel tunnel;
    synchronized (this) {
      if (machine.state() == ConnectionState.STOPPED) {
        return;
      }
      machine.moveTo(ConnectionState.STOPPED, STOPPING);
      if (pending != null) {
        pending.cancel(false);
      }
      tunnel = current;
      current = null;
    }
    if (tunnel != null) {
      tunnel.close(STOPPING);
    }
  }

  private void dial() {
    Tunnel tunnel;
    try {
      tunnel = dialer.dial();
    } catch (Exception e) {
      retryAfter(ConnectionState.CONNECTING, reason(e), UpgradeRefusedException.retryAfterIn(e));
      return;
    }
    synchronized (this) {
      if (machine.state() != ConnectionState.CONNECTING) {
        tunnel.close(STOPPING); // stopped while dialing
        return;
      }
      current = tunnel;
      connectedAt = clock.instant();
      machine.moveTo(ConnectionState.CONNECTED, "connected to " + proxy);
    }
    tunnel
        .closed()
        .whenComplete(
            (reason, error) ->
                scheduler.schedule(
                    () -> onClosed(tunnel, error == null ? reason : reason(error)), Duration.ZERO));
  }

  private synchronized void onClosed(Tunnel tunnel, String reason) {
    if (tunnel != current) {
      return; // stopped meanwhile
    }
    current = null;
    if (Duration.between(connectedAt, clock.instant()).compareTo(STABLE_AFTER) >= 0) {
      backoff.reset();
    }
    retryAfter(ConnectionState.CONNECTED, "tunnel closed: " + reason, Optional.empty());
  }

  /**
   * Schedules the next dial after the jittered backoff, plus the proxy's hint when it gave one: the
   * hint spreads a crowd over the proxy's admission slots, the jitter spreads those sharing a slot.
   */
  private synchronized void retryAfter(ConnectionState from, String why, Optional<Duration> hint) {
    if (machine.state() != from) {
      return; // stopped meanwhile
    }
    Duration delay = backoff.next().plus(hint.orElse(Duration.ZERO));
    machine.moveTo(ConnectionState.BACKOFF, why + "; retrying in " + delay.toMillis() + " ms");
    pending = scheduler.schedule(this::redial, delay);
  }

  private void redial() {
    if (machine.moveIf(ConnectionState.BACKOFF, ConnectionState.CONNECTING, "dialing " + proxy)) {
      dial();
    }
  }

  private static String reason(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.strip();
  }
}
