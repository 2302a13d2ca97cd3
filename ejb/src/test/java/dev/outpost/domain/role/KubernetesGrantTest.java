package dev.outpost.domain.role;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Kubernetes clusters roles reach and whom they impersonate there, one row per case. */
class KubernetesGrantTest {

  private static final Map<String, String> EDGE = Map.of("env", "edge");
  private static final Map<String, String> SECURE = Map.of("env", "edge", "secure", "true");

  private static final String VIEWERS = """
      kind: role
      name: viewers
      allow:
        kubernetes_groups: [viewers, system:authenticated]
        kubernetes_labels: {env: edge}
      deny:
        kubernetes_labels: {secure: 'true'}
      """;
  private static final String ADMINS = """
      kind: role
      name: admins
      allow:
        kubernetes_groups: [system:masters]
        kubernetes_users: [cluster-admin, another-admin]
        kubernetes_labels: {'*': '*'}
      """;
  private static final String NO_MASTERS = """
      kind: role
      name: no-masters
      deny:
        kubernetes_groups: [system:masters]
        kubernetes_users: [another-admin]
      """;
  private static final String LABELS_ONLY = """
      kind: role
      name: labels-only
      allow:
        kubernetes_labels: {'*': '*'}
      """;
  private static final String SSH_ONLY = """
      kind: role
      name: ssh-only
      allow:
        logins: [root]
        node_labels: {'*': '*'}
      """;

  static Stream<Arguments> grants() {
    return Stream.of(
        row("groups of the matching role, the Outpost user", EDGE, "",
            "alice", List.of("system:authenticated", "viewers"), VIEWERS),
        row("deny labels win", SECURE, "role viewers denies Kubernetes clusters with secure=[true]",
            "", List.of(), VIEWERS, ADMINS),
        row("labels not matched: deny by default", Map.of("env", "lab"),
            "no role of [viewers] allows Kubernetes cluster k1 (deny by default)", "", List.of(),
            VIEWERS),
        row("node roles grant no cluster", EDGE,
            "no role of [ssh-only] allows Kubernetes cluster k1 (deny by default)", "", List.of(),
            SSH_ONLY),
        row("first listed user, sorted", EDGE, "", "another-admin", List.of("system:masters"),
            ADMINS),
        row("denied groups and users removed", EDGE, "", "cluster-admin",
            List.of("system:authenticated", "viewers"), ADMINS, NO_MASTERS, VIEWERS),
        row("nothing to impersonate", EDGE,
            "roles [labels-only] allow Kubernetes cluster k1 but grant no kubernetes_groups or"
                + " kubernetes_users", "", List.of(), LABELS_ONLY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void grants(String title, Map<String, String> labels, String refusal, String user,
      List<String> groups, List<String> roles) {
    KubernetesGrant grant = RoleSet.of(roles.stream().map(RoleYaml::parse).toList(),
        Traits.local(List.of())).kubernetes("k1", labels, "alice");

    assertEquals(refusal, grant.decision().reason());
    assertEquals(refusal.isEmpty(), grant.decision().allowed());
    assertEquals(user, grant.user());
    assertEquals(groups, grant.groups());
  }

  private static Arguments row(String title, Map<String, String> labels, String refusal,
      String user, List<String> groups, String... roles) {
    return Arguments.of(title, labels, refusal, user, groups, Arrays.asList(roles));
  }
}
