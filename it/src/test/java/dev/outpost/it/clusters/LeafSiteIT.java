package dev.outpost.it.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.LeafSite;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two-cluster harness itself: a leaf cluster starts in its namespace, an agent behind it joins
 * it and is reached over SSH from the leaf's side, and the leaf's network is what the trusted
 * cluster tests rely on: the leaf can dial the test cluster's public address and nothing else of
 * the host, and the host cannot dial into it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeafSiteIT {
  private final String node = "leafnode-" + UUID.randomUUID().toString().substring(0, 8);
  private LeafSite leaf;

  @BeforeAll
  void startLeafWithNode() {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "the leaf site needs root with iproute2 and iptables to build network namespaces");
    TestCluster.get();
    leaf = LeafSite.start();
    leaf.joinAgent(node, "site=leaf", leaf.cluster().layout().dataDir().resolve("agents").resolve(node));
  }

  @AfterAll
  void stopLeaf() {
    if (leaf != null) {
      leaf.close();
    }
  }

  @Test
  void theNodeIsOnlineInTheLeafAndUnknownToTheTestCluster() {
    JsonNode listed = leaf.leafAdmin().listed(node);
    assertNotNull(listed, "the leaf lists " + node);
    assertTrue(listed.get("online").asBoolean(), listed.toString());
    assertEquals("leaf", listed.get("labels").get("site").asText());
    Cli rootAdmin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    assertNull(rootAdmin.listed(node), "two separate clusters: the test cluster does not list " + node);
  }

  @Test
  void outpostSshInsideTheLeafRunsACommandOnTheNode() {
    Command.Result result = leaf.leafAdmin().run("ssh", "root@" + node, "uname", "-a");
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().startsWith("Linux "), result.stdout());
  }

  @Test
  void stockSshInsideTheLeafReachesTheNodeByItsLeafAddress() {
    String config = leaf.leafAdmin().sshConfig().toString();
    Command.Result result = leaf.namespace().exec("ssh -F " + config + " -o BatchMode=yes root@" + node
        + "." + LeafSite.CLUSTER_NAME + " 'uname -s; exit 3'");
    assertEquals(3, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("Linux"), result.stdout());
  }

  @Test
  void theHostCannotDialIntoTheLeafWhoseProxyServesItsOwnSide() {
    assertEquals(0, leaf.edge().exec("curl -sk -o /dev/null --max-time 10 https://" + LeafSite.PUBLIC_ADDRESS
        + "/api/v1/cluster").exitCode(), "the leaf's proxy answers its edge host");
    assertThrows(IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(leaf.uplinkAddress(), LeafSite.HTTPS_PORT), 2000);
      }
    }, "a connection from the host to the leaf's proxy port must fail");
  }

  @Test
  void theLeafDialsTheTestClustersPublicAddressOnlyAndNotWhileItsUplinkIsCut() {
    String root = EdgeHost.PROXY_ADDRESS + " " + TestCluster.HTTPS_PORT;
    assertEquals(0, leaf.namespace().exec("nc -z -w 5 " + root).exitCode(), "the leaf reaches " + root);
    assertNotEquals(0, leaf.namespace().exec("nc -z -w 2 " + leaf.hostAddress() + " " + TestCluster.HTTPS_PORT).exitCode(),
        "the same listener at another host address is out of the leaf's reach");
    leaf.cutUplink();
    try {
      assertNotEquals(0, leaf.namespace().exec("nc -z -w 2 " + root).exitCode(), "the cut uplink carries nothing");
    } finally {
      leaf.restoreUplink();
    }
    assertEquals(0, leaf.namespace().exec("nc -z -w 5 " + root).exitCode(), "the restored uplink works");
  }
}
