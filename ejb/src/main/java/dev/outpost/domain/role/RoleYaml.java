package dev.outpost.domain.role;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads role resources written in YAML (or JSON, which is YAML too), strictly: unknown fields,
 * wrong types, invalid logins, regular expressions that do not compile and lifetimes out of bounds
 * are refused with the path of the field at fault, never ignored.
 *
 * <p>SnakeYAML's safe constructor builds only maps, lists and scalars, so a resource cannot make
 * the proxy instantiate classes; limits on size, nesting and aliases keep hostile input cheap.
 */
public final class RoleYaml {

  /** Longest role resource accepted, in characters. */
  public static final int MAX_LENGTH = 64 * 1024;
  /** Bounds of {@code max_session_ttl}: user certificates never live longer than 12 hours. */
  static final Duration MIN_SESSION_TTL = Duration.ofMinutes(1);
  static final Duration MAX_SESSION_TTL = Duration.ofHours(12);
  /** Bounds of {@code client_idle_timeout}. */
  static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(12);

  private static final String KIND = "role";
  private static final Set<String> TOP_LEVEL = Set.of("kind", "name", "allow", "deny", "options");
  private static final Set<String> CONDITIONS = Set.of("logins", "node_labels",
      "kubernetes_groups", "kubernetes_users", "kubernetes_labels", "app_labels");
  private static final Set<String> OPTIONS = Set.of("max_session_ttl", "port_forwarding",
      "file_copy", "record_session", "client_idle_timeout", "require_mfa");
  private static final int MAX_LIST = 256;

  private RoleYaml() {}

  /** @throws RoleException saying what is wrong and where */
  public static Role parse(String text) {
    if (text == null || text.isBlank()) {
      throw new RoleException("role resource is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new RoleException("role resource is longer than " + MAX_LENGTH + " characters");
    }
    Map<String, Object> document = map("role", load(text));
    checkFields("role", document, TOP_LEVEL);
    Object kind = document.get("kind");
    if (!KIND.equals(kind)) {
      throw new RoleException("kind: expected 'role', got " + describe(kind));
    }
    String name = Role.checkName(string("name", document.get("name")));
    return new Role(name,
        conditions("allow", document.get("allow")),
        conditions("deny", document.get("deny")),
        options(document.get("options")));
  }

  private static Object load(String text) {
    LoaderOptions limits = new LoaderOptions();
    limits.setAllowDuplicateKeys(false);
    limits.setMaxAliasesForCollections(10);
    limits.setNestingDepthLimit(16);
    limits.setCodePointLimit(MAX_LENGTH);
    try {
      return new Yaml(new SafeConstructor(limits)).load(text);
    } catch (YAMLException e) {
      throw new RoleException("role resource is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse("unreadable"));
    }
  }

  private static RoleConditions conditions(String where, Object value) {
    if (value == null) {
      return RoleConditions.NONE;
    }
    Map<String, Object> fields = map(where, value);
    checkFields(where, fields, CONDITIONS);
    return new RoleConditions(
        logins(where + ".logins", fields.get("logins")),
        labels(where + ".node_labels", fields.get("node_labels")),
        strings(where + ".kubernetes_groups", fields.get("kubernetes_groups")),
        strings(where + ".kubernetes_users", fields.get("kubernetes_users")),
        labels(where + ".kubernetes_labels", fields.get("kubernetes_labels")),
        labels(where + ".app_labels", fields.get("app_labels")));
  }

  private static List<String> logins(String where, Object value) {
    List<String> logins = strings(where, value);
    for (int i = 0; i < logins.size(); i++) {
      LoginTemplate.check(where + "[" + i + "]", logins.get(i));
    }
    return logins;
  }

  private static LabelSelector labels(String where, Object value) {
    if (value == null) {
      return LabelSelector.NONE;
    }
    Map<String, List<LabelValue>> selector = new LinkedHashMap<>();
    map(where, value).forEach((key, allowed) -> {
      String path = where + "." + key;
      if (key.isEmpty() || key.length() > 63) {
        throw new RoleException(where + ": label key '" + key + "' must be 1-63 characters");
      }
      List<String> texts = allowed instanceof List<?> ? strings(path, allowed)
          : List.of(scalar(path, allowed));
      if (texts.isEmpty()) {
        throw new RoleException(path + ": give at least one value");
      }
      List<LabelValue> values = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        values.add(LabelValue.parse(texts.size() == 1 ? path : path + "[" + i + "]", texts.get(i)));
      }
      if (LabelValue.ANY.equals(key) && !(values.size() == 1 && values.get(0).isAny())) {
        throw new RoleException(path + ": the wildcard key '*' takes only the value '*'");
      }
      selector.put(key, values);
    });
    return new LabelSelector(selector);
  }

  private static RoleOptions options(Object value) {
    if (value == null) {
      return RoleOptions.NONE;
    }
    Map<String, Object> fields = map("options", value);
    checkFields("options", fields, OPTIONS);
    return new RoleOptions(
        duration("options.max_session_ttl", fields.get("max_session_ttl"),
            MIN_SESSION_TTL, MAX_SESSION_TTL),
        bool("options.port_forwarding", fields.get("port_forwarding")),
        bool("options.file_copy", fields.get("file_copy")),
        bool("options.record_session", fields.get("record_session")),
        duration("options.client_idle_timeout", fields.get("client_idle_timeout"),
            MIN_IDLE_TIMEOUT, MAX_IDLE_TIMEOUT),
        bool("options.require_mfa", fields.get("require_mfa")));
  }

  private static Optional<Duration> duration(String where, Object value, Duration min,
      Duration max) {
    if (value == null) {
      return Optional.empty();
    }
    Duration duration;
    try {
      duration = Ttl.parse(string(where, value), null);
    } catch (OutpostException e) {
      throw new RoleException(where + ": " + e.getMessage());
    }
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      throw new RoleException(where + ": " + value + " is out of bounds: between "
          + Ttl.format(min) + " and " + Ttl.format(max));
    }
    return Optional.of(duration);
  }

  private static Optional<Boolean> bool(String where, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean flag)) {
      throw new RoleException(where + ": expected true or false, got " + describe(value));
    }
    return Optional.of(flag);
  }

  private static List<String> strings(String where, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new RoleException(where + ": expected a list, got " + describe(value));
    }
    if (list.size() > MAX_LIST) {
      throw new RoleException(where + ": more than " + MAX_LIST + " entries");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      strings.add(string(where + "[" + i + "]", list.get(i)));
    }
    return List.copyOf(strings);
  }

  /** A string, or a number or boolean written without quotes, as label values often are. */
  private static String scalar(String where, Object value) {
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    return string(where, value);
  }

  private static String string(String where, Object value) {
    if (!(value instanceof String text)) {
      throw new RoleException(where + ": expected a string, got " + describe(value));
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String where, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new RoleException(where + ": expected a mapping, got " + describe(value));
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new RoleException(where + ": field names must be strings, got " + describe(key));
      }
    }
    return (Map<String, Object>) map;
  }

  private static void checkFields(String where, Map<String, Object> fields, Set<String> known) {
    for (String field : fields.keySet()) {
      if (!known.contains(field)) {
        throw new RoleException(where + ": unknown field '" + field + "' (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static String describe(Object value) {
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
