package dev.outpost.domain.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Strict reading of an admin's YAML (or JSON) resource: SnakeYAML's safe constructor builds only
 * maps, lists and scalars, so a resource cannot make the proxy instantiate classes; limits on
 * size, nesting and aliases keep hostile input cheap. Every typed read names the field at fault.
 */
public final class YamlFields {

  private static final int MAX_LIST = 256;

  private final String kind;
  private final int maxLength;
  private final Function<String, ? extends OutpostException> error;

  /**
   * @param kind what the resource is, for messages ("role", "connector")
   * @param error how a message becomes the exception to throw
   */
  public YamlFields(String kind, int maxLength,
      Function<String, ? extends OutpostException> error) {
    this.kind = kind;
    this.maxLength = maxLength;
    this.error = error;
  }

  /** The document of {@code text}, a mapping, checked for emptiness, length and syntax. */
  public Map<String, Object> document(String text) {
    if (text == null || text.isBlank()) {
      throw error.apply(kind + " resource is empty");
    }
    if (text.length() > maxLength) {
      throw error.apply(kind + " resource is longer than " + maxLength + " characters");
    }
    LoaderOptions limits = new LoaderOptions();
    limits.setAllowDuplicateKeys(false);
    limits.setMaxAliasesForCollections(10);
    limits.setNestingDepthLimit(16);
    limits.setCodePointLimit(maxLength);
    try {
      return map(kind, new Yaml(new SafeConstructor(limits)).load(text));
    } catch (YAMLException e) {
      throw error.apply(kind + " resource is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse("unreadable"));
    }
  }

  /** A failure to throw, naming the field. */
  public OutpostException invalid(String where, String problem) {
    return error.apply(where + ": " + problem);
  }

  public List<String> strings(String where, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(where, "expected a list, got " + describe(value));
    }
    if (list.size() > MAX_LIST) {
      throw invalid(where, "more than " + MAX_LIST + " entries");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      strings.add(string(where + "[" + i + "]", list.get(i)));
    }
    return List.copyOf(strings);
  }

  /** A string, or a number or boolean written without quotes, as label values often are. */
  public String scalar(String where, Object value) {
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    return string(where, value);
  }

  public String string(String where, Object value) {
    if (!(value instanceof String text)) {
      throw invalid(where, "expected a string, got " + describe(value));
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String where, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(where, "expected a mapping, got " + describe(value));
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw invalid(where, "field names must be strings, got " + describe(key));
      }
    }
    return (Map<String, Object>) map;
  }

  public void checkFields(String where, Map<String, Object> fields, Set<String> known) {
    for (String field : fields.keySet()) {
      if (!known.contains(field)) {
        throw invalid(where, "unknown field '" + field + "' (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
  }

  public static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    String text = value.toString();
    return (value instanceof String ? "string" : value.getClass().getSimpleName().toLowerCase(
        Locale.ROOT)) + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
        + "'";
  }
}
