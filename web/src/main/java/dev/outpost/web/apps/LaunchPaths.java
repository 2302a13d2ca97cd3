package dev.outpost.web.apps;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a launch may return to: a path on the app itself, never another site ({@code //host},
 * {@code /\host}, a scheme) and nothing that could split a header.
 */
final class LaunchPaths {
  private static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e]*");

  private LaunchPaths() {}

  static Optional<String> valid(String path) {
    if (path == null || !PATH.matcher(path).matches() || path.startsWith("//")
        || path.startsWith("/\\") || path.length() > 2048) {
      return Optional.empty();
    }
    return Optional.of(path);
  }
}
