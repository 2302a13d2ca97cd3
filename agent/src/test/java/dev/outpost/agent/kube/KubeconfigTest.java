package dev.outpost.agent.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @Test
  void readsTheCurrentContext(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("token"), "from-file");
    Path file = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: other
          cluster: {server: 'https://other:6443'}
        - name: edge
          cluster: {server: 'https://edge-api:6443', insecure-skip-tls-verify: true}
        users:
        - name: agent
          user: {tokenFile: token}
        contexts:
        - name: edge
          context: {cluster: edge, user: agent}
        current-context: edge
        """);

    KubeApiServer server = Kubeconfig.load(file);

    assertEquals("edge-api:6443", server.authority());
    assertEquals(Optional.of("Bearer from-file"), server.authorization());
  }

  @Test
  void refusesWhatTheAgentCannotUse(@TempDir Path dir) throws Exception {
    Path exec = Files.writeString(dir.resolve("exec"), """
        clusters: [{name: c, cluster: {server: 'https://api'}}]
        users: [{name: u, user: {exec: {command: aws}}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Kubeconfig.load(exec))
        .getMessage().contains("exec or auth-provider"));
    Path missing = Files.writeString(dir.resolve("missing"), """
        clusters: [{name: c, cluster: {server: 'https://api'}}]
        contexts: [{name: x, context: {cluster: nope}}]
        current-context: x
        """);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Kubeconfig.load(missing))
        .getMessage().contains("no cluster named 'nope'"));
  }
}
