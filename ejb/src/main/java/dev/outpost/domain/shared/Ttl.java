package dev.outpost.domain.shared;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lifetimes as users write them: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}. */
public final class Ttl {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})([smhd])");

  private Ttl() {}

  /**
   * Parses {@code text}, or returns {@code fallback} when it is null or blank.
   *
   * @throws OutpostException BAD_REQUEST for anything else than a positive number and a unit
   */
  public static Duration parse(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Matcher matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw OutpostException.badRequest(
          "ttl '" + text + "' is not a duration such as 90s, 30m, 12h or 7d");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** The largest whole unit that writes {@code duration} exactly, e.g. {@code 12h} or {@code 90s}. */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
