package dev.outpost.domain.role;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which labelled things (nodes, Kubernetes clusters, apps) a role condition covers: every key of
 * the selector must be present with one of its values. The key {@code *} with value {@code *}
 * covers everything, labelled or not. An empty selector covers nothing: deny by default.
 */
public final class LabelSelector {

  public static final LabelSelector NONE = new LabelSelector(Map.of());

  private final Map<String, List<LabelValue>> values;

  LabelSelector(Map<String, List<LabelValue>> values) {
    Map<String, List<LabelValue>> copy = new LinkedHashMap<>();
    values.forEach((key, allowed) -> copy.put(key, List.copyOf(allowed)));
    this.values = Collections.unmodifiableMap(copy);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Whether {@code labels} has every key of this selector with an allowed value. */
  public boolean matches(Map<String, String> labels) {
    if (values.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, List<LabelValue>> entry : values.entrySet()) {
      if (LabelValue.ANY.equals(entry.getKey())) {
        continue;
      }
      String value = labels.get(entry.getKey());
      if (entry.getValue().stream().noneMatch(allowed -> allowed.matches(value))) {
        return false;
      }
    }
    return true;
  }

  /** Key to allowed values, as written. */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    values.forEach((key, allowed) -> map.put(key,
        allowed.stream().map(LabelValue::toString).toList()));
    return map;
  }

  /** E.g. {@code env=[edge], secure=[true]}, for refusal messages. */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", "));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
