package dev.outpost.domain.role;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.Ttl;
import dev.outpost.domain.shared.YamlFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  private static final YamlFields YAML = new YamlFields(KIND, MAX_LENGTH, RoleException::new);

  private RoleYaml() {}

  /** @throws RoleException saying what is wrong and where */
  public static Role parse(String text) {
    Map<String, Object> document = YAML.document(text);
    YAML.checkFields("role", document, TOP_LEVEL);
    Object kind = document.get("kind");
    if (!KIND.equals(kind)) {
      throw new RoleException("kind: expected 'role', got " + YamlFields.describe(kind));
    }
    String name = Role.checkName(YAML.string("name", document.get("name")));
    return new Role(name,
        conditions("allow", document.get("allow")),
        conditions("deny", document.get("deny")),
        options(document.get("options")));
  }

  private static RoleConditions conditions(String where, Object value) {
    if (value == null) {
      return RoleConditions.NONE;
    }
    Map<String, Object> fields = YAML.map(where, value);
    YAML.checkFields(where, fields, CONDITIONS);
    return new RoleConditions(
        logins(where + ".logins", fields.get("logins")),
        labels(where + ".node_labels", fields.get("node_labels")),
        YAML.strings(where + ".kubernetes_groups", fields.get("kubernetes_groups")),
        YAML.strings(where + ".kubernetes_users", fields.get("kubernetes_users")),
        labels(where + ".kubernetes_labels", fields.get("kubernetes_labels")),
        labels(where + ".app_labels", fields.get("app_labels")));
  }

  private static List<String> logins(String where, Object value) {
    List<String> logins = YAML.strings(where, value);
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
    YAML.map(where, value).forEach((key, allowed) -> {
      String path = where + "." + key;
      if (key.isEmpty() || key.length() > 63) {
        throw new RoleException(where + ": label key '" + key + "' must be 1-63 characters");
      }
      List<String> texts = allowed instanceof List<?> ? YAML.strings(path, allowed)
          : List.of(YAML.scalar(path, allowed));
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
    Map<String, Object> fields = YAML.map("options", value);
    YAML.checkFields("options", fields, OPTIONS);
    return new RoleOptions(
        duration("options.max_session_ttl", fields.get("max_session_ttl"),
            MIN_SESSION_TTL, MAX_SESSION_TTL),
        bool("options.port_forwarding", fields.get("port_forwarding")),
        bool("options.file_copy", fields.get("file_copy")),
        recordingMode("options.record_session", fields.get("record_session")),
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
      duration = Ttl.parse(YAML.string(where, value), null);
    } catch (OutpostException e) {
      throw new RoleException(where + ": " + e.getMessage());
    }
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      throw new RoleException(where + ": " + value + " is out of bounds: between "
          + Ttl.format(min) + " and " + Ttl.format(max));
    }
    return Optional.of(duration);
  }

  /** {@code true} (the role format's yes, to record) means strict; sessions cannot go unrecorded by choice. */
  private static Optional<RecordingMode> recordingMode(String where, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean record) {
      if (!record) {
        throw new RoleException(where + ": sessions are always recorded at the node; false is "
            + "not allowed (best-effort lets a session run when recording fails)");
      }
      return Optional.of(RecordingMode.STRICT);
    }
    return Optional.of(RecordingMode.parse(where, YAML.scalar(where, value)));
  }

  private static Optional<Boolean> bool(String where, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean flag)) {
      throw YAML.invalid(where, "expected true or false, got " + YamlFields.describe(value));
    }
    return Optional.of(flag);
  }
}
