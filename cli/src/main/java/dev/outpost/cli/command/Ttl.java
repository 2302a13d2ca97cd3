package dev.outpost.cli.command;

import java.util.regex.Pattern;

/**
 * A lifetime as the API takes it: a whole number and a unit, {@code 90s}, {@code 30m}, {@code 12h},
 * {@code 7d}.
 */
public record Ttl(String text) {

  private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,5}[smhd]");

  public Ttl {
    if (text == null || !DURATION.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': use a number and s, m, h or d, such as 30m or 12h");
    }
  }

  public static Ttl parse(String text) {
    return new Ttl(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
