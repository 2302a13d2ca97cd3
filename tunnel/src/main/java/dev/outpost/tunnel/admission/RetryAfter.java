package dev.outpost.tunnel.admission;

import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP {@code Retry-After} header as the proxy sends it on a refused tunnel upgrade (503) and
 * the agent reads it: whole seconds ({@code delay-seconds} of RFC 9110, section 10.2.3).
 */
public final class RetryAfter {
  public static final String HEADER = "Retry-After";

  private RetryAfter() {}

  /** {@code wait} rounded up to whole seconds, at least 1: a 0 would invite an instant retry. */
  public static String format(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }

  /**
   * The wait a header value asks for; empty when absent or not {@code delay-seconds} (an HTTP date
   * is not honoured: agent clocks on devices are often wrong). Capped at {@link
   * AdmissionLimiter#MAX_HINT}, so a broken or hostile answer cannot park an agent for days.
   */
  public static Optional<Duration> parse(String value) {
    if (value == null || !value.strip().matches("[0-9]{1,9}")) {
      return Optional.empty();
    }
    Duration wait = Duration.ofSeconds(Long.parseLong(value.strip()));
    return Optional.of(wait.compareTo(AdmissionLimiter.MAX_HINT) > 0 ? AdmissionLimiter.MAX_HINT : wait);
  }
}
