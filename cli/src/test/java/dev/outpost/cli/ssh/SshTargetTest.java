package dev.outpost.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SshTargetTest {

  @ParameterizedTest
  @CsvSource({
    "root@node1:22, root, node1, 22",
    "ubuntu@edge-01.lab:2222, ubuntu, edge-01.lab, 2222",
    "svc_deploy@node1.edge.example:22, svc_deploy, node1.edge.example, 22",
    "_x@n:1, _x, n, 1"
  })
  void parsesWhatOpenSshExpands(String text, String login, String node, int port) {
    assertEquals(new SshTarget(login, node, port), SshTarget.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node1:22",
        "root@node1",
        "@node1:22",
        "root@:22",
        "root@node1:",
        "root@node1:0",
        "root@node1:65536",
        "root@node1:22x",
        "root@-oProxyCommand=touch_x:22",
        "-oProxyCommand=x@node:22",
        "root@node1 :22",
        "ro ot@node1:22",
        "root@node1\n:22",
        "root@no@de:22",
        "root@node/../x:22",
        "root@node?login=admin:22",
        "root@node&x:22",
        "root@node..cluster:22",
        "root@.node:22",
        "root;id@node:22",
        "1root@node:22",
        "$(id)@node:22"
      })
  void refusesHostileTargetsWithAClearMessage(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse(text));
    assertTrue(e.getMessage().startsWith("invalid "), e.getMessage());
    assertTrue(
        e.getMessage().chars().noneMatch(Character::isISOControl), "control characters echoed");
  }

  @Test
  void refusesOverlongNames() {
    assertThrows(
        IllegalArgumentException.class, () -> SshTarget.parse("a".repeat(33) + "@node:22"));
    assertThrows(
        IllegalArgumentException.class, () -> SshTarget.parse("root@" + "n".repeat(64) + ":22"));
  }

  @Test
  void namesTheStreamTargetOfTheWireContract() {
    assertEquals("ssh:root@node1.edge:22", SshTarget.parse("root@node1.edge:22").streamTarget());
  }

  @Test
  void derivesTheHostPrincipalWithOrWithoutTheCluster() {
    assertEquals("node1.edge", new SshTarget("root", "node1", 22).hostPrincipal("edge"));
    assertEquals("node1.edge", new SshTarget("root", "node1.edge", 22).hostPrincipal("edge"));
    assertEquals(
        "node1.other.edge", new SshTarget("root", "node1.other", 22).hostPrincipal("edge"));
  }

  @Test
  void parsesDestinationsWithAndWithoutLogin() {
    Destination bare = Destination.parse("node1");
    assertNull(bare.login());
    assertEquals(new SshTarget("alice", "node1", 22), bare.toTarget("alice"));
    assertEquals(
        new SshTarget("root", "node1.edge", 22),
        Destination.parse("root@node1.edge").toTarget("alice"));
    assertThrows(IllegalArgumentException.class, () -> Destination.parse("root@node1:22"));
    assertThrows(IllegalArgumentException.class, () -> Destination.parse("-F/etc/passwd"));
  }
}
