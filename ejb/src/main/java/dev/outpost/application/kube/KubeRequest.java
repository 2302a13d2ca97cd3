package dev.outpost.application.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one Kubernetes API request does, read from its method and path as the API server's own
 * request-info resolver does, for the audit: verb, resource (with subresource), namespace, name.
 * Paths outside {@code /api} and {@code /apis} (e.g. {@code /version}) have no resource.
 *
 * @param verb get, list, watch, create, update, patch, delete, deletecollection, or the lowercase
 *     method for non-resource paths
 * @param resource e.g. {@code pods}, {@code deployments.apps}, {@code pods/exec}; empty when none
 * @param namespace empty for cluster-scoped resources and non-resource paths
 * @param name the object's name, empty for collections
 * @param command what an exec runs (the query's {@code command} values), empty otherwise
 * @param container the container an exec runs in or an attach attaches to (the query's {@code
 *     container}), empty when the request names none (the pod's only or default container)
 */
public record KubeRequest(String verb, String resource, String namespace, String name,
    List<String> command, String container) {

  /**
   * @param path the path as the API server sees it, e.g. {@code /api/v1/namespaces/default/pods}
   * @param query the raw query string, or null
   */
  public static KubeRequest of(String method, String path, String query) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
    int at;
    String group = "";
    if (parts.length >= 2 && parts[0].equals("api")) {
      at = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      at = 3;
    } else {
      return new KubeRequest(method.toLowerCase(Locale.ROOT), "", "", "", List.of(), "");
    }
    boolean watchPath = parts.length > at && parts[at].equals("watch");
    if (watchPath) {
      at++;
    }
    String namespace = "";
    if (parts.length > at + 1 && parts[at].equals("namespaces") && parts.length > at + 2) {
      namespace = parts[at + 1];
      at += 2;
    }
    if (parts.length <= at) {
      return new KubeRequest(method.toLowerCase(Locale.ROOT), "", namespace, "", List.of(), "");
    }
    String resource = parts[at] + (group.isEmpty() ? "" : "." + group);
    String name = parts.length > at + 1 ? parts[at + 1] : "";
    if (parts.length > at + 2) {
      resource = resource + "/" + parts[at + 2];
    }
    if (namespace.isEmpty() && parts[at].equals("namespaces") && !name.isEmpty()) {
      namespace = name;
    }
    boolean watch = watchPath || (query != null && query.matches("(^|.*&)watch=(true|1)(&.*|$)"));
    boolean exec = resource.equals("pods/exec");
    List<String> command = exec ? values(query, "command") : List.of();
    String container = exec || resource.equals("pods/attach")
        ? values(query, "container").stream().findFirst().orElse("") : "";
    return new KubeRequest(verb(method, name.isEmpty(), watch), resource, namespace, name, command,
        container);
  }

  /**
   * Whether this is an interactive session with a container, {@code kubectl exec} or {@code
   * kubectl attach}, which is recorded when it switches protocols.
   */
  public boolean isInteractive() {
    return resource.equals("pods/exec") || resource.equals("pods/attach");
  }

  /** {@code exec} or {@code attach} for an interactive session, else empty. */
  public String interaction() {
    return isInteractive() ? resource.substring("pods/".length()) : "";
  }

  /** The query's values of {@code field}, decoded, control characters shown as '?'. */
  private static List<String> values(String query, String field) {
    if (query == null) {
      return List.of();
    }
    String prefix = field + "=";
    return Arrays.stream(query.split("&")).filter(pair -> pair.startsWith(prefix))
        .map(pair -> URLDecoder.decode(pair.substring(prefix.length()), StandardCharsets.UTF_8))
        .map(value -> value.replaceAll("\\p{Cntrl}", "?")).toList();
  }

  private static String verb(String method, boolean collection, boolean watch) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> watch ? "watch" : collection ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> collection ? "deletecollection" : "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /**
   * One line for the audit, e.g. {@code list pods namespace=default} or {@code get pods/exec p1
   * namespace=default command=[sh, -c, ls /]}.
   */
  public String describe() {
    StringBuilder line = new StringBuilder(verb);
    if (!resource.isEmpty()) {
      line.append(' ').append(resource);
    }
    if (!name.isEmpty()) {
      line.append(' ').append(name);
    }
    if (!namespace.isEmpty()) {
      line.append(" namespace=").append(namespace);
    }
    if (!command.isEmpty()) {
      line.append(" command=").append(command);
    }
    return line.toString();
  }
}
