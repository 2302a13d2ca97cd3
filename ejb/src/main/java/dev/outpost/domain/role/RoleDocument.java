package dev.outpost.domain.role;

import dev.outpost.domain.shared.Ttl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A role's fields as plain maps, in the names of the resource format, for listings. */
public final class RoleDocument {

  private RoleDocument() {}

  /** The fields of {@code conditions} that are set. */
  public static Map<String, Object> conditions(RoleConditions conditions) {
    Map<String, Object> fields = new LinkedHashMap<>();
    putList(fields, "logins", conditions.logins());
    putLabels(fields, "node_labels", conditions.nodeLabels());
    putList(fields, "kubernetes_groups", conditions.kubernetesGroups());
    putList(fields, "kubernetes_users", conditions.kubernetesUsers());
    putLabels(fields, "kubernetes_labels", conditions.kubernetesLabels());
    putLabels(fields, "app_labels", conditions.appLabels());
    return fields;
  }

  /** The options that are set. */
  public static Map<String, Object> options(RoleOptions options) {
    Map<String, Object> fields = new LinkedHashMap<>();
    options.maxSessionTtl().ifPresent(ttl -> fields.put("max_session_ttl", Ttl.format(ttl)));
    options.portForwarding().ifPresent(flag -> fields.put("port_forwarding", flag));
    options.fileCopy().ifPresent(flag -> fields.put("file_copy", flag));
    options.recordSession().ifPresent(flag -> fields.put("record_session", flag));
    options.clientIdleTimeout().ifPresent(
        timeout -> fields.put("client_idle_timeout", Ttl.format(timeout)));
    options.requireMfa().ifPresent(flag -> fields.put("require_mfa", flag));
    return fields;
  }

  private static void putList(Map<String, Object> fields, String name, List<String> values) {
    if (!values.isEmpty()) {
      fields.put(name, values);
    }
  }

  private static void putLabels(Map<String, Object> fields, String name, LabelSelector labels) {
    if (!labels.isEmpty()) {
      fields.put(name, labels.asMap());
    }
  }
}
