package dev.outpost.tunnel.admission;

import java.time.Duration;

/**
 * How fast the proxy lets agent tunnels in: {@code perSecond} on average, up to {@code burst} at
 * once after a quiet spell. Checked once here, so a limiter never divides by zero.
 *
 * @param perSecond admissions per second, sustained (may be fractional, e.g. 0.5)
 * @param burst how many may arrive at once when the proxy has been quiet; at least 1
 */
public record AdmissionRate(double perSecond, int burst) {
  /**
   * 50 per second, 100 at once: 2,000 agents that lost the proxy together could all be back within
   * about 40 s. That needs a proxy that can take 50 tunnels a second; a smaller one should be given
   * a lower rate (docs/performance.md, "Reconnect storm": a loaded two-core machine took about 20).
   */
  public static final AdmissionRate DEFAULT = new AdmissionRate(50, 100);

  /** Above this a limiter would let through anything a single proxy could take anyway. */
  public static final double MAX_PER_SECOND = 100_000;

  public AdmissionRate {
    if (!(perSecond > 0) || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException(
          "tunnel admission rate must be above 0 and at most " + (long) MAX_PER_SECOND
              + " per second, got " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("tunnel admission burst must be at least 1, got " + burst);
    }
  }

  /** The time in which {@code tokens} admissions accrue. */
  Duration timeFor(double tokens) {
    return Duration.ofNanos((long) Math.ceil(tokens / perSecond * 1e9));
  }

  /** Admissions accrued in {@code elapsed}. */
  double tokensIn(Duration elapsed) {
    return elapsed.toNanos() / 1e9 * perSecond;
  }
}
