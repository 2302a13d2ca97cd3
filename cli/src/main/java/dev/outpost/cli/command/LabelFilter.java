package dev.outpost.cli.command;

import java.util.Map;

/** A {@code label=value} argument of {@code outpost ls}: keeps nodes carrying that label value. */
record LabelFilter(String label, String value) {

  LabelFilter {
    if (label == null || label.isBlank() || value == null) {
      throw new IllegalArgumentException("invalid label filter: expected label=value");
    }
  }

  static LabelFilter parse(String text) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException(
          "invalid label filter '" + text + "': expected label=value");
    }
    return new LabelFilter(text.substring(0, equals), text.substring(equals + 1));
  }

  boolean matches(Map<String, String> labels) {
    return labels != null && value.equals(labels.get(label));
  }
}
