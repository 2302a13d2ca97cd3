package dev.outpost.domain.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.domain.shared.OutpostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Role resources are read strictly, with messages that name the field at fault. */
class RoleYamlTest {

  @Test
  void readsTheDocumentedExample() {
    Role role = RoleYaml.parse("""
        kind: role
        name: edge-ops
        allow:
          logins: [root, ubuntu]
          node_labels: {env: [edge], region: '*'}
          kubernetes_groups: [system:masters]
          kubernetes_labels: {'*': '*'}
          app_labels: {team: ops}
        deny:
          node_labels: {secure: 'true'}
        options:
          max_session_ttl: 8h
          port_forwarding: false
          file_copy: true
          record_session: best-effort
        """);

    assertEquals("edge-ops", role.name());
    assertEquals(List.of("root", "ubuntu"), role.allow().logins());
    assertEquals(Map.of("env", List.of("edge"), "region", List.of("*")),
        role.allow().nodeLabels().asMap());
    assertEquals(List.of("system:masters"), role.allow().kubernetesGroups());
    assertEquals(Map.of("team", List.of("ops")), role.allow().appLabels().asMap());
    assertEquals(Map.of("secure", List.of("true")), role.deny().nodeLabels().asMap());
    assertEquals(Optional.of(Duration.ofHours(8)), role.options().maxSessionTtl());
    assertEquals(Optional.of(false), role.options().portForwarding());
    assertEquals(Optional.of(RecordingMode.BEST_EFFORT), role.options().recordSession());
    assertEquals(Optional.empty(), role.options().requireMfa());
  }

  @Test
  void recordSessionTrueIsStrict() {
    Role role = RoleYaml.parse("kind: role\nname: r\noptions:\n  record_session: true\n");
    assertEquals(Optional.of(RecordingMode.STRICT), role.options().recordSession());
  }

  @Test
  void readsJsonToo() {
    Role role = RoleYaml.parse("{\"kind\": \"role\", \"name\": \"j\", \"allow\": "
        + "{\"logins\": [\"pi\"], \"node_labels\": {\"env\": \"lab\"}}}");

    assertEquals(List.of("pi"), role.allow().logins());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("kind: role\nname: r\nallow:\n  logins: [root]\n  node_lables: {a: b}\n",
            "allow: unknown field 'node_lables'"),
        Arguments.of("kind: role\nname: r\ncolour: red\n", "role: unknown field 'colour'"),
        Arguments.of("kind: user\nname: r\n", "kind: expected 'role', got string 'user'"),
        Arguments.of("name: r\n", "kind: expected 'role', got nothing"),
        Arguments.of("kind: role\nname: Edge Ops\n", "role name 'Edge Ops' is invalid"),
        Arguments.of("kind: role\nname: r\nallow:\n  logins: root\n",
            "allow.logins: expected a list, got string 'root'"),
        Arguments.of("kind: role\nname: r\nallow:\n  logins: [root, 'Bad;login']\n",
            "allow.logins[1]: login 'Bad;login' is invalid"),
        Arguments.of("kind: role\nname: r\nallow:\n  logins: ['{{internal.home}}']\n",
            "allow.logins[0]: unknown trait internal.home"),
        Arguments.of("kind: role\nname: r\nallow:\n  logins: ['x{{internal.logins}}']\n",
            "allow.logins[0]: 'x{{internal.logins}}' is not a template"),
        Arguments.of("kind: role\nname: r\nallow:\n  node_labels: {env: '^(edge$'}\n",
            "allow.node_labels.env: regular expression ^(edge$ does not compile"),
        Arguments.of("kind: role\nname: r\nallow:\n  node_labels: {'*': edge}\n",
            "allow.node_labels.*: the wildcard key '*' takes only the value '*'"),
        Arguments.of("kind: role\nname: r\nallow:\n  node_labels: {env: []}\n",
            "allow.node_labels.env: give at least one value"),
        Arguments.of("kind: role\nname: r\nallow:\n  node_labels: [env]\n",
            "allow.node_labels: expected a mapping, got a list"),
        Arguments.of("kind: role\nname: r\noptions:\n  max_session_ttl: 13h\n",
            "options.max_session_ttl: 13h is out of bounds: between 1m and 12h"),
        Arguments.of("kind: role\nname: r\noptions:\n  max_session_ttl: 30s\n",
            "options.max_session_ttl: 30s is out of bounds: between 1m and 12h"),
        Arguments.of("kind: role\nname: r\noptions:\n  max_session_ttl: forever\n",
            "options.max_session_ttl: ttl 'forever' is not a duration"),
        Arguments.of("kind: role\nname: r\noptions:\n  file_copy: 'yes'\n",
            "options.file_copy: expected true or false, got string 'yes'"),
        Arguments.of("kind: role\nname: r\noptions:\n  record_session: false\n",
            "options.record_session: sessions are always recorded at the node; false is not allowed"),
        Arguments.of("kind: role\nname: r\noptions:\n  record_session: maybe\n",
            "options.record_session: expected one of strict, best-effort, got 'maybe'"),
        Arguments.of("kind: role\nname: r\noptions:\n  port_forwarding: true\n  sudo: true\n",
            "options: unknown field 'sudo'"),
        Arguments.of("kind: role\nname: r\nname: s\n", "not valid YAML"),
        Arguments.of("kind: role\nname: r\n---\nkind: role\nname: s\n", "not valid YAML"),
        Arguments.of("!!java.lang.ProcessBuilder [x]\n", "not valid YAML"),
        Arguments.of("", "role resource is empty"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void refusesWithAPreciseMessage(String yaml, String message) {
    OutpostException error = assertThrows(OutpostException.class, () -> RoleYaml.parse(yaml));

    assertEquals(OutpostException.Kind.BAD_REQUEST, error.kind());
    if (!error.getMessage().contains(message)) {
      throw new AssertionError("expected '" + message + "' in: " + error.getMessage());
    }
  }
}
