package dev.outpost.tunnel.http;

import java.util.regex.Pattern;

/**
 * The request line of a request forwarded to a web app: only origin-form targets ({@code /path?q})
 * are accepted, so a target can never name a host (absolute form {@code http://other/}, authority
 * form {@code other:22}, or {@code //other/} read as a network path by some servers).
 *
 * @param method the method token
 * @param target the origin-form target
 */
public record RequestLine(String method, String target) {
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final Pattern TARGET = Pattern.compile("/[\\x21-\\x7e]*");

  public RequestLine {
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("unsupported method '" + printable(method) + "'");
    }
    if (!TARGET.matcher(target).matches() || target.startsWith("//")
        || target.startsWith("/\\")) {
      throw new IllegalArgumentException(
          "request target must be a path on the app (origin form), not '" + printable(target) + "'");
    }
  }

  /** Parses {@code METHOD TARGET HTTP/1.x}. */
  public static RequestLine parse(String line) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
      throw new IllegalArgumentException("malformed request line");
    }
    return new RequestLine(parts[0], parts[1]);
  }

  /** The line as sent upstream, always HTTP/1.1. */
  @Override
  public String toString() {
    return method + " " + target + " HTTP/1.1";
  }

  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
