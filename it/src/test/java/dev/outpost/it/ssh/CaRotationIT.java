package dev.outpost.it.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * CA rotation as an admin lives it, against a node whose agent keeps running: after {@code
 * outpost admin ca rotate --type=user --grace=1m} a certificate issued before still opens a
 * session, a new login's certificate comes from the new key and the node takes it, and once the
 * grace is over the node refuses the old certificate. After {@code --type=host} the node presents
 * a certificate of the new host CA within seconds, and stock ssh verifies it with the known_hosts
 * of {@code outpost config}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaRotationIT {
  private static final Duration SSH_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration GRACE = Duration.ofMinutes(1);
  /** The agent renews when told over its tunnel: seconds, not its hourly check. */
  private static final Duration PROPAGATION = Duration.ofSeconds(30);

  private final String node = "rot-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Cli before;
  private Cli after;
  private Path work;
  private Instant userRotated;
  private Instant hostRotated;

  @BeforeAll
  void startNodeAndLogInBeforeTheRotation() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "end-to-end SSH tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("ca-rotation-it"));
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    edge = EdgeHost.create();
    edge.join(admin, node, "env=rotation", work.resolve(node));
    before = Cli.fresh("before-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    ssh(before.sshConfig(), "echo before").requireSuccess();
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  @Order(1)
  void userRotationSignsNewLoginsWhileEarlierCertificatesStillWork() {
    String old = active("user");
    userRotated = Instant.now();
    JsonNode keys = admin.json("admin", "ca", "rotate", "--type=user", "--grace=1m", "--format=json");

    String fresh = keys.get(0).get("fingerprint").asText();
    assertNotEquals(old, fresh);
    assertEquals("active", keys.get(0).get("status").asText());
    assertEquals(old, keys.get(1).get("fingerprint").asText());
    assertEquals("trusted", keys.get(1).get("status").asText());
    String listing = admin.run("admin", "ca", "ls").requireSuccess().stdout();
    assertTrue(listing.contains(old) && listing.contains(fresh), listing);
    Polling.await("ca.rotate is audited", PROPAGATION, () -> admin.json("audit", "--since=5m",
        "--type=ca.rotate", "--format=json").toString().contains(fresh), () -> "no event");

    assertEquals("before\n", ssh(before.sshConfig(), "echo before").requireSuccess().stdout(),
        "a certificate of the old key works during the grace");
    after = Cli.fresh("after-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    assertTrue(signingCa(after).contains(fresh), "a new login is signed by the new key");
    Path config = after.sshConfig();
    Polling.await("the node trusts the new user CA key", PROPAGATION,
        () -> ssh(config, "echo after").exitCode() == 0,
        () -> ssh(config, "echo after").stderr());
  }

  @Test
  @Order(2)
  void hostRotationReachesTheNodeAndOutpostConfigTrustsBothKeys() throws IOException {
    String old = active("host");
    hostRotated = Instant.now();
    admin.json("admin", "ca", "rotate", "--type=host", "--grace=1m", "--format=json");
    JsonNode fresh = key("host", "active");

    Path onlyNew = Files.writeString(work.resolve("known_hosts.new"), "@cert-authority *."
        + TestCluster.CLUSTER_NAME + " " + fresh.get("key").asText() + "\n");
    Path config = rewritten(after.sshConfig(), "UserKnownHostsFile", "UserKnownHostsFile " + onlyNew);
    Polling.await("the node presents a certificate of the new host CA", PROPAGATION,
        () -> ssh(config, "true").exitCode() == 0, () -> ssh(config, "true").stderr());

    Path both = after.sshConfig();
    String knownHosts = Files.readString(after.home().resolve("known_hosts"));
    assertEquals(2, knownHosts.lines().count(), knownHosts);
    assertTrue(knownHosts.contains(fresh.get("key").asText()), knownHosts);
    assertNotEquals(old, fresh.get("fingerprint").asText());
    assertEquals("ok\n", ssh(both, "echo ok").requireSuccess().stdout());
  }

  @Test
  @Order(3)
  void afterTheGraceTheNodeRefusesTheOldUserKeyAndOnlyTheNewHostKeyIsListed() throws IOException {
    waitUntil(userRotated.plus(GRACE).plusSeconds(2));
    // through the proxy as the new login, presenting the old certificate to the node only
    Path oldIdentity = rewritten(rewritten(after.sshConfig(), "IdentityFile",
        "    IdentityFile " + before.home().resolve("key")), "CertificateFile",
        "    CertificateFile " + before.home().resolve("key-cert.pub"));
    Command.Result refused = ssh(oldIdentity, "echo should-not-run");
    assertEquals(255, refused.exitCode(), refused.stdout() + refused.stderr());
    assertTrue(refused.stderr().contains("Permission denied"), refused.stderr());

    waitUntil(hostRotated.plus(GRACE).plusSeconds(2));
    Path config = after.sshConfig();
    String knownHosts = Files.readString(after.home().resolve("known_hosts"));
    assertEquals(1, knownHosts.lines().count(), knownHosts);
    assertEquals("still\n", ssh(config, "echo still").requireSuccess().stdout());
    assertEquals(2, admin.json("admin", "ca", "ls", "--format=json").size(),
        "one active key per CA, the retired ones dropped");
  }

  private String active(String type) {
    return key(type, "active").get("fingerprint").asText();
  }

  private JsonNode key(String type, String status) {
    for (JsonNode key : admin.json("admin", "ca", "ls", "--format=json")) {
      if (key.get("type").asText().equals(type) && key.get("status").asText().equals(status)) {
        return key;
      }
    }
    throw new AssertionError("no " + status + " " + type + " CA key listed");
  }

  /** The "Signing CA" line of {@code ssh-keygen -L} for the CLI's certificate. */
  private static String signingCa(Cli cli) {
    String description = Command.run(List.of("ssh-keygen", "-L", "-f",
        cli.home().resolve("key-cert.pub").toString()), Map.of(), null, SSH_TIMEOUT)
        .requireSuccess().stdout();
    return description.lines().filter(line -> line.contains("Signing CA")).findFirst()
        .orElseThrow();
  }

  /** {@code config} with its line that starts with {@code keyword} replaced by {@code line}. */
  private Path rewritten(Path config, String keyword, String line) {
    try {
      List<String> lines = new ArrayList<>();
      for (String kept : Files.readAllLines(config)) {
        lines.add(kept.strip().startsWith(keyword) ? "    " + line.strip() : kept);
      }
      return Files.write(work.resolve("ssh_config." + keyword), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Command.Result ssh(Path config, String command) {
    return Command.run(List.of("ssh", "-F", config.toString(), "-o", "BatchMode=yes",
        "root@" + node + "." + TestCluster.CLUSTER_NAME, command), Map.of(), null, SSH_TIMEOUT);
  }

  private static void waitUntil(Instant moment) {
    long millis = Duration.between(Instant.now(), moment).toMillis();
    if (millis > 0) {
      Polling.sleep(millis);
    }
  }
}
