package dev.outpost.launcher;

/** A setting from its system property, else its environment variable, else a default. */
final class Settings {
  private Settings() {}

  static String value(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
