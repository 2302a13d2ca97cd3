package dev.outpost.domain.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The role engine's decisions, one row per case: roles, login, node labels, outcome. */
class RoleSetTest {

  private static final Map<String, String> EDGE = Map.of("env", "edge", "region", "eu-1");
  private static final Map<String, String> EDGE_SECURE =
      Map.of("env", "edge", "region", "eu-1", "secure", "true");
  private static final Map<String, String> LAB = Map.of("env", "lab");
  private static final Map<String, String> NONE = Map.of();

  private static final String EDGE_OPS = """
      kind: role
      name: edge-ops
      allow:
        logins: [root, ubuntu]
        node_labels: {env: [edge], region: '*'}
      deny:
        node_labels: {secure: 'true'}
      options:
        max_session_ttl: 8h
        port_forwarding: false
        file_copy: true
        record_session: best-effort
        client_idle_timeout: 15m
      """;
  private static final String ACCESS = """
      kind: role
      name: access
      allow:
        logins: ['{{internal.logins}}']
        node_labels: {'*': '*'}
      options:
        port_forwarding: true
      """;
  private static final String REGEX = """
      kind: role
      name: regional
      allow:
        logins: [ops]
        node_labels: {region: '^eu-[0-9]+$'}
      options:
        max_session_ttl: 2h
        client_idle_timeout: 5m
      """;
  private static final String NO_ROOT = """
      kind: role
      name: no-root
      deny:
        logins: [root]
      options:
        file_copy: false
        require_mfa: true
        record_session: strict
      """;
  private static final String LAB_ONLY = """
      kind: role
      name: lab
      allow:
        logins: [pi]
        node_labels: {env: [lab, test]}
      """;

  static Stream<Arguments> decisions() {
    return Stream.of(
        row("exact label and listed login", "root", EDGE, "", EDGE_OPS),
        row("wildcard value needs the key", "root", Map.of("env", "edge"),
            "no role of [edge-ops] allows login root on node n1 (deny by default)", EDGE_OPS),
        row("login not listed", "postgres", EDGE,
            "no role of [edge-ops] allows login postgres on node n1 (deny by default)", EDGE_OPS),
        row("label value not listed", "root", LAB,
            "no role of [edge-ops] allows login root on node n1 (deny by default)", EDGE_OPS),
        row("deny labels win over allow", "root", EDGE_SECURE,
            "role edge-ops denies nodes with secure=[true]", EDGE_OPS),
        row("deny of one role wins over allow of another", "alice", EDGE_SECURE,
            "role edge-ops denies nodes with secure=[true]", EDGE_OPS, ACCESS),
        row("wildcard key covers unlabelled nodes", "alice", NONE, "", ACCESS),
        row("trait login granted", "alice", LAB, "", ACCESS),
        row("trait gives only the user's logins", "root", LAB,
            "no role of [access] allows login root on node n1 (deny by default)", ACCESS),
        row("regex matches whole value", "ops", EDGE, "", REGEX),
        row("regex does not match part of a value", "ops", Map.of("region", "eu-1x"),
            "no role of [regional] allows login ops on node n1 (deny by default)", REGEX),
        row("roles combine: each grants its own", "pi", LAB, "", EDGE_OPS, LAB_ONLY),
        row("roles combine: login of one role, nodes of another are not mixed", "pi", EDGE,
            "no role of [edge-ops, lab] allows login pi on node n1 (deny by default)",
            EDGE_OPS, LAB_ONLY),
        row("deny logins win everywhere", "root", EDGE, "role no-root denies login root",
            EDGE_OPS, NO_ROOT),
        row("no roles: deny by default", "root", EDGE,
            "no role of [] allows login root on node n1 (deny by default)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(String title, String login, Map<String, String> labels, String refusal,
      List<String> roles) {
    AccessDecision decision = roles(roles).ssh(login, "n1", labels);

    assertEquals(refusal.isEmpty(), decision.allowed(), decision.reason());
    assertEquals(refusal, decision.reason());
  }

  static Stream<Arguments> options() {
    return Stream.of(
        // roles, max ttl, port forwarding, file copy, mfa, best-effort recording, idle timeout
        Arguments.of(List.of(), null, false, false, false, false, null),
        Arguments.of(List.of(EDGE_OPS), Duration.ofHours(8), false, true, false, true,
            Duration.ofMinutes(15)),
        Arguments.of(List.of(ACCESS), null, true, false, false, false, null),
        Arguments.of(List.of(EDGE_OPS, ACCESS), Duration.ofHours(8), false, true, false, true,
            Duration.ofMinutes(15)),
        Arguments.of(List.of(EDGE_OPS, REGEX), Duration.ofHours(2), false, true, false, true,
            Duration.ofMinutes(5)),
        Arguments.of(List.of(EDGE_OPS, NO_ROOT), Duration.ofHours(8), false, false, true, false,
            Duration.ofMinutes(15)));
  }

  @ParameterizedTest
  @MethodSource("options")
  void combinesOptionsMostRestrictiveFirst(List<String> roles, Duration maxTtl,
      boolean portForwarding, boolean fileCopy, boolean mfa, boolean bestEffort,
      Duration idleTimeout) {
    RoleSet set = roles(roles);

    assertEquals(maxTtl, set.maxSessionTtl().orElse(null));
    assertEquals(maxTtl == null ? Duration.ofHours(12) : maxTtl,
        set.capSessionTtl(Duration.ofHours(12)));
    assertEquals(Duration.ofMinutes(30), set.capSessionTtl(Duration.ofMinutes(30)));
    assertEquals(portForwarding, set.permitsPortForwarding());
    assertEquals(fileCopy, set.permitsFileCopy());
    assertEquals(mfa, set.requiresMfa());
    assertEquals(bestEffort, set.recordsBestEffort());
    assertEquals(idleTimeout, set.clientIdleTimeout().orElse(null));
  }

  @ParameterizedTest
  @MethodSource("decisions")
  void aNodeIsVisibleExactlyWhenSomeLoginOfTheUserReachesIt(String title, String login,
      Map<String, String> labels, String refusal, List<String> roles) {
    RoleSet set = roles(roles);
    boolean reachable = set.logins().stream()
        .anyMatch(candidate -> set.ssh(candidate, "n1", labels).allowed());

    assertEquals(reachable, set.maySee("n1", labels));
  }

  @org.junit.jupiter.api.Test
  void certificateLoginsAreTheGrantedOnesLessTheDenied() {
    assertEquals(List.of("alice", "ubuntu"), roles(List.of(EDGE_OPS, ACCESS, NO_ROOT)).logins());
    assertEquals(List.of(), roles(List.of(NO_ROOT)).logins());
  }

  @org.junit.jupiter.api.Test
  void traitsNeverInjectPrincipals() {
    RoleSet set = RoleSet.of(List.of(RoleYaml.parse("""
        kind: role
        name: sso
        allow:
          logins: ['{{external.unix_logins}}', '{{internal.logins}}']
          node_labels: {'*': '*'}
        """)), new Traits(List.of("alice"),
        Map.of("unix_logins", List.of("bob", "root,admin", "*", "x y", "carol"))));

    assertEquals(List.of("alice", "bob", "carol"), set.logins());
    assertFalse(set.ssh("root,admin", "n1", NONE).allowed());
    assertTrue(set.ssh("carol", "n1", NONE).allowed());
  }

  @org.junit.jupiter.api.Test
  void appsNeedAMatchingAppLabelAndNoDeny() {
    String ops = """
        kind: role
        name: apps-ops
        allow:
          app_labels: {team: ops}
        deny:
          app_labels: {secret: 'true'}
        """;
    RoleSet set = roles(List.of(ops, ACCESS));
    assertTrue(set.app("grafana", Map.of("team", "ops")).allowed());
    assertEquals("role apps-ops denies apps with secret=[true]",
        set.app("vault", Map.of("team", "ops", "secret", "true")).reason());
    assertTrue(set.app("plc", Map.of("team", "dev")).reason().endsWith("(deny by default)"));
    assertFalse(roles(List.of(ACCESS)).app("grafana", Map.of("team", "ops")).allowed());
  }

  private static Arguments row(String title, String login, Map<String, String> labels,
      String refusal, String... roles) {
    return Arguments.of(title, login, labels, refusal, Arrays.asList(roles));
  }

  private static RoleSet roles(List<String> yaml) {
    return RoleSet.of(yaml.stream().map(RoleYaml::parse).toList(),
        Traits.local(List.of("alice")));
  }
}
