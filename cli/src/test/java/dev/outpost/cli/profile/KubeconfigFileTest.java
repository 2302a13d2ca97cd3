package dev.outpost.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class KubeconfigFileTest {

  @Test
  void addsAContextAndKeepsTheOthers(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: home, cluster: {server: 'https://home:6443'}}]
        users: [{name: home, user: {token: t}}]
        contexts: [{name: home, context: {cluster: home, user: home}}]
        current-context: home
        """);
    KubeconfigFile kubeconfig = new KubeconfigFile(file);

    List<String> plugin = List.of("/usr/bin/java", "-jar", "/opt/outpost.jar", "kube", "credentials");
    kubeconfig.useContext("prod-edge", "https://proxy:443/kube/edge", dir.resolve("ca.pem"), plugin);
    kubeconfig.useContext("prod-edge", "https://proxy:443/kube/edge", null, plugin);

    Map<String, Object> root = new Yaml().load(Files.readString(file));
    assertEquals("prod-edge", root.get("current-context"));
    assertEquals(2, ((List<?>) root.get("contexts")).size(), "replaced, not added twice");
    assertTrue(Files.readString(file).contains("server: https://home:6443"));
    assertTrue(Files.readString(file).contains("insecure-skip-tls-verify: true"));
    Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) root.get("users")).get(1)).get("user");
    Map<?, ?> exec = (Map<?, ?>) user.get("exec");
    assertEquals("client.authentication.k8s.io/v1", exec.get("apiVersion"));
    assertEquals("/usr/bin/java", exec.get("command"));
    assertEquals(List.of("-jar", "/opt/outpost.jar", "kube", "credentials"), exec.get("args"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void kubectlsChoiceOfFile() {
    assertEquals(Path.of("/a/config"),
        KubeconfigFile.resolve(Map.of("KUBECONFIG", "/a/config:/b/config"), "/home/u").path());
    assertEquals(Path.of("/home/u/.kube/config"), KubeconfigFile.resolve(Map.of(), "/home/u").path());
  }
}
