package dev.outpost.it.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An admin removes a device that is gone: refused while its agent is online, done once it is
 * offline; the node leaves the list, and its certificate no longer opens a tunnel when the same
 * agent starts again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeRemovalIT {
  private final String node = "gone-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Path dataDir;
  private String token;
  private String caPin;

  @BeforeAll
  void startNode() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "node removal tests need root with iproute2 and iptables to build network namespaces");
    dataDir = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("removal-it"))
        .resolve(node);
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    JsonNode issued = admin.json("admin", "tokens", "add", "--type=node", "--ttl=10m", "--format=json");
    token = issued.get("token").asText();
    caPin = issued.get("ca_pin").asText();
    edge = EdgeHost.create();
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  void anOfflineNodeIsRemovedAndItsCertificateOpensNoTunnelAfterwards() throws Exception {
    Process agent = edge.startAgent(node, token, caPin, dataDir);
    admin.awaitOnline(node, Duration.ofSeconds(90));

    Command.Result whileOnline = admin.run("admin", "nodes", "rm", node);
    assertEquals(1, whileOnline.exitCode(), whileOnline.stdout());
    assertTrue(whileOnline.stderr().contains("is online: stop its agent first"), whileOnline.stderr());

    agent.destroy(); // SIGTERM: the agent says goodbye, so the node is offline, not reconnecting
    assertTrue(agent.waitFor(30, TimeUnit.SECONDS), "the agent stops");
    Polling.await("node " + node + " listed offline", Duration.ofSeconds(60), () -> {
      JsonNode listed = admin.listed(node);
      return listed != null && !listed.get("online").asBoolean()
          && !listed.get("reconnecting").asBoolean();
    }, () -> String.valueOf(admin.listed(node)));

    admin.run("admin", "nodes", "rm", node).requireSuccess();
    assertNull(admin.listed(node), "a removed node is not listed");
    assertTrue(admin.run("audit", "--since=10m", "--type=node.delete").requireSuccess().stdout()
        .contains(node), "the removal is audited");

    Path log = dataDir.resolveSibling(node + ".log"); // the restarted agent's output replaces it
    edge.startAgent(node, token, caPin, dataDir);
    Polling.await("the restarted agent is refused", Duration.ofSeconds(60),
        () -> read(log).contains("is not registered"), () -> read(log));
    assertNull(admin.listed(node), "its certificate brings it back no more");
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "cannot read " + log + ": " + e.getMessage();
    }
  }
}
