package dev.outpost.tunnel.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The target of a stream the proxy opens on an agent for one Kubernetes API request, e.g. {@code
 * kube?cluster=edge-k8s&requester=alice&user=alice&group=viewers&group=ops}. It is the proxy's
 * word, not the client's: the agent impersonates exactly these, whatever the request's own
 * headers say.
 *
 * @param cluster the Kubernetes cluster the agent must serve
 * @param requester the Outpost user, for the agent's log
 * @param user the Kubernetes user to impersonate
 * @param groups the Kubernetes groups to impersonate
 */
public record KubeStreamTarget(String cluster, String requester, String user, List<String> groups) {
  public static final String SERVICE = "kube";

  public KubeStreamTarget {
    groups = List.copyOf(groups);
    for (String value : concat(List.of(cluster, requester, user), groups)) {
      if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("kube stream fields must be non-empty and printable");
      }
    }
  }

  public String encode() {
    StringBuilder target = new StringBuilder(SERVICE).append("?cluster=").append(encode(cluster))
        .append("&requester=").append(encode(requester)).append("&user=").append(encode(user));
    groups.forEach(group -> target.append("&group=").append(encode(group)));
    return target.toString();
  }

  /** @throws IllegalArgumentException naming what is missing or malformed */
  public static KubeStreamTarget parse(String target) {
    String prefix = SERVICE + "?";
    if (!target.startsWith(prefix)) {
      throw new IllegalArgumentException("not a kube stream target");
    }
    String cluster = null;
    String requester = null;
    String user = null;
    List<String> groups = new ArrayList<>();
    for (String pair : target.substring(prefix.length()).split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("malformed kube stream field '" + pair + "'");
      }
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      switch (pair.substring(0, equals)) {
        case "cluster" -> cluster = value;
        case "requester" -> requester = value;
        case "user" -> user = value;
        case "group" -> groups.add(value);
        default -> throw new IllegalArgumentException(
            "unknown kube stream field '" + pair.substring(0, equals) + "'");
      }
    }
    if (cluster == null || requester == null || user == null) {
      throw new IllegalArgumentException("kube stream target needs cluster, requester and user");
    }
    return new KubeStreamTarget(cluster, requester, user, groups);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
