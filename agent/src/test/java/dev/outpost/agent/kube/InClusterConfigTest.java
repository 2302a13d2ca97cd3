package dev.outpost.agent.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod's service account: address from the kubelet's variables, token and CA from the mount. */
class InClusterConfigTest {
  @TempDir Path account;

  @Test
  void readsTheServiceAccountAndReReadsTheRotatedToken() throws Exception {
    mount("first-token\n");
    KubeApiServer server = InClusterConfig.load(env("10.96.0.1", "443"));

    assertEquals("https://10.96.0.1:443", server.server().toString());
    assertEquals(Optional.of("Bearer first-token"), server.authorization());
    Files.writeString(account.resolve("token"), "rotated-token");
    assertEquals(Optional.of("Bearer rotated-token"), server.authorization(), "read at each request");
    assertTrue(server.tls().getSocketFactory() != null);
  }

  @Test
  void bracketsAnIpv6ServiceHost() throws Exception {
    mount("t");
    assertEquals("https://[fd00:10:96::1]:443",
        InClusterConfig.load(env("fd00:10:96::1", "443")).server().toString());
  }

  @Test
  void saysWhatIsMissingOutsideAPod() throws Exception {
    assertRefused("KUBERNETES_SERVICE_HOST is not set: is the agent running in a pod?",
        Map.of(InClusterConfig.DIRECTORY_VARIABLE, account.toString()));
    assertRefused("KUBERNETES_SERVICE_PORT is not a port: https",
        env("10.96.0.1", "https"));
    assertRefused("no service account token at " + account.resolve("token"), env("10.96.0.1", "443"));
    Files.writeString(account.resolve("token"), "t");
    Files.writeString(account.resolve("ca.crt"), "not a certificate");
    assertRefused("service account ca.crt unusable", env("10.96.0.1", "443"));
  }

  private void mount(String token) throws Exception {
    Files.writeString(account.resolve("token"), token);
    String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(Fixtures.clusterCa().getEncoded()) + "\n-----END CERTIFICATE-----\n";
    Files.writeString(account.resolve("ca.crt"), pem);
  }

  private Map<String, String> env(String host, String port) {
    return Map.of("KUBERNETES_SERVICE_HOST", host, "KUBERNETES_SERVICE_PORT", port,
        InClusterConfig.DIRECTORY_VARIABLE, account.toString());
  }

  private static void assertRefused(String why, Map<String, String> env) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> InClusterConfig.load(env));
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
  }
}
