package dev.outpost.client.tunnel;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th consecutive retry waits a uniformly random time
 * in [0, min(cap, base × 2ⁿ)]. The randomness spreads the reconnects of many agents after a proxy
 * restart; the cap keeps an agent that lost its network coming back within {@code cap} once the
 * network returns.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;
  private int attempts;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap");
    }
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The agent's schedule: 1 s doubling up to 30 s. */
  public static Backoff standard(RandomGenerator random) {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), random);
  }

  /** The delay before the next retry; each call counts one more failure. */
  public synchronized Duration next() {
    long ceiling = ceiling().toMillis();
    attempts++;
    return Duration.ofMillis(Math.round(random.nextDouble() * ceiling));
  }

  /** The upper bound of the next delay. */
  public synchronized Duration ceiling() {
    // 2^attempts overflows past 62 doublings; the cap is reached long before
    int doublings = Math.min(attempts, 30);
    Duration ceiling = base.multipliedBy(1L << doublings);
    return ceiling.compareTo(cap) > 0 ? cap : ceiling;
  }

  /** Back to {@code base}: after a connection that stayed up. */
  public synchronized void reset() {
    attempts = 0;
  }
}
