package dev.outpost.cli.output;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** How values read in text output. */
public final class Text {
  private Text() {}

  /** An instant to the second, in UTC: what people read and scripts can still parse. */
  public static String instant(Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code a, b, c}, or {@code -} for none. */
  public static String list(List<String> values) {
    return values == null || values.isEmpty() ? "-" : String.join(", ", values);
  }

  /** The value, or {@code -} when there is none. */
  public static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
