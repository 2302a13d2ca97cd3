package dev.outpost.tunnel.ws;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The proxy answered the WebSocket upgrade with an HTTP status instead of switching protocols; a
 * busy proxy (503) says in {@code Retry-After} when to come back.
 */
public final class UpgradeRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Optional<Duration> retryAfter;

  public UpgradeRefusedException(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The wait the proxy asked for, already capped; empty when it gave none. */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }

  /** The hint of the first refused upgrade in {@code failure}'s causes; empty when there is none. */
  public static Optional<Duration> retryAfterIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UpgradeRefusedException refused) {
        return refused.retryAfter();
      }
    }
    return Optional.empty();
  }
}
