package dev.outpost.domain.node;

import dev.outpost.domain.shared.OutpostException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A node's labels, checked: keys of 1-63 characters (letters, digits, {@code . _ / -}, starting
 * with a letter or digit), values of at most 255 characters without separators ({@code , =}) or
 * wildcards, at most {@value #MAX_LABELS} labels.
 */
public record NodeLabels(Map<String, String> values) {

  static final int MAX_LABELS = 64;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._:/@+ -]{0,255}");

  public NodeLabels {
    if (values == null) {
      values = Map.of();
    }
    if (values.size() > MAX_LABELS) {
      throw OutpostException.badRequest("too many labels: at most " + MAX_LABELS);
    }
    values.forEach(NodeLabels::check);
    values = Map.copyOf(new TreeMap<>(values));
  }

  private static void check(String key, String value) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw OutpostException.badRequest("label key '" + key + "' is invalid: use 1-63 letters, "
          + "digits, '.', '_', '/' or '-', starting with a letter or digit");
    }
    if (value == null || !VALUE.matcher(value).matches()) {
      throw OutpostException.badRequest("value of label '" + key + "' is invalid: use at most "
          + "255 letters, digits, spaces or '.', '_', ':', '/', '@', '+', '-'");
    }
  }
}
