package dev.outpost.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.cli.CliException;
import dev.outpost.cli.TestCertificates;
import dev.outpost.tunnel.SocketStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost ssh}'s client against a real MINA SSH server, a socket standing in for the tunnel.
 */
class NodeSshTest {

  private static KeyPair userCa;
  private static KeyPair hostCa;
  private static KeyPair hostKey;
  private static SshIdentity alice;

  @BeforeAll
  static void issue() throws Exception {
    userCa = TestCertificates.ed25519();
    hostCa = TestCertificates.ed25519();
    hostKey = TestCertificates.ed25519();
    KeyPair key = TestCertificates.ed25519();
    OpenSshCertificate certificate =
        TestCertificates.user(userCa, key.getPublic(), "alice", List.of("root", "ubuntu"));
    alice = new SshIdentity(key, TestCertificates.line(certificate), certificate);
  }

  private record Outcome(int exitStatus, String out, String err) {}

  private static Outcome run(OpenSshCertificate hostCertificate, String login, List<String> command)
      throws Exception {
    try (TestSshServer server = new TestSshServer(hostKey, hostCertificate, userCa.getPublic());
        Socket toNode = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Stdio stdio =
          new Stdio(new ByteArrayInputStream("input".getBytes(StandardCharsets.UTF_8)), out, err);
      NodeSsh ssh =
          new NodeSsh(
              alice, List.of(hostCa.getPublic()), Clock.systemUTC(), Duration.ofSeconds(10));
      int status =
          ssh.run(
              new SocketStream(toNode),
              new SshTarget(login, "node1", 22),
              "node1.edge",
              command,
              stdio);
      return new Outcome(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  private static CliException refused(OpenSshCertificate hostCertificate, String login) {
    return assertThrows(CliException.class, () -> run(hostCertificate, login, List.of("true")));
  }

  @Test
  void copiesFilesBothWaysWithScp(@TempDir Path node, @TempDir Path local) throws Exception {
    OpenSshCertificate hostCertificate =
        TestCertificates.host(hostCa, hostKey.getPublic(), "node1", "edge");
    Files.writeString(local.resolve("up.txt"), "to the node");
    Files.writeString(node.resolve("down.txt"), "from the node");
    try (TestSshServer server = new TestSshServer(hostKey, hostCertificate, userCa.getPublic())) {
      server.serveScp(node);
      NodeSsh ssh = new NodeSsh(alice, List.of(hostCa.getPublic()), Clock.systemUTC(),
          Duration.ofSeconds(10));
      SshTarget root = new SshTarget("root", "node1", 22);
      try (Socket toNode = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        ssh.copy(new SocketStream(toNode), root, "node1.edge",
            new FileCopy(true, local.resolve("up.txt"), "/up.txt", false));
      }
      try (Socket toNode = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        ssh.copy(new SocketStream(toNode), root, "node1.edge",
            new FileCopy(false, local.resolve("down.txt"), "/down.txt", false));
      }
    }
    assertEquals("to the node", Files.readString(node.resolve("up.txt")));
    assertEquals("from the node", Files.readString(local.resolve("down.txt")));
  }

  @Test
  void runsACommandWithCertificatesOnBothSidesAndReturnsItsStatus() throws Exception {
    Outcome outcome =
        run(
            TestCertificates.host(hostCa, hostKey.getPublic(), "node1", "edge"),
            "root",
            List.of("echo", "hi"));
    assertEquals(TestSshServer.EXIT_STATUS, outcome.exitStatus());
    assertEquals("ran: echo hi\nstdin: input\n", outcome.out());
    assertEquals("err\n", outcome.err());
  }

  @Test
  void runsAShellWithoutTerminalAsAStream() throws Exception {
    Outcome outcome =
        run(
            TestCertificates.host(hostCa, hostKey.getPublic(), "node1", "edge"),
            "ubuntu",
            List.of());
    assertEquals("shell\nstdin: input\n", outcome.out());
  }

  @Test
  void refusesAHostCertificateOfAnotherCa() throws Exception {
    KeyPair rogueCa = TestCertificates.ed25519();
    CliException e =
        refused(TestCertificates.host(rogueCa, hostKey.getPublic(), "node1", "edge"), "root");
    assertEquals(
        "refusing node1.edge: the host certificate of node1.edge is not signed by the cluster's"
            + " host CA",
        e.getMessage());
  }

  @Test
  void refusesAHostCertificateForAnotherNode() throws Exception {
    CliException e =
        refused(TestCertificates.host(hostCa, hostKey.getPublic(), "node2", "edge"), "root");
    assertTrue(e.getMessage().startsWith("refusing node1.edge: "), e.getMessage());
    assertTrue(e.getMessage().contains("principal"), e.getMessage());
  }

  @Test
  void refusesAPlainHostKey() {
    CliException e = refused(null, "root");
    assertEquals(
        "refusing node1.edge: node1.edge presented a plain host key, not a host certificate of the"
            + " cluster",
        e.getMessage());
  }

  @Test
  void reportsALoginTheCertificateDoesNotAllow() throws Exception {
    CliException e =
        refused(TestCertificates.host(hostCa, hostKey.getPublic(), "node1", "edge"), "admin");
    assertEquals("node1.edge did not accept your certificate for login 'admin'", e.getMessage());
  }
}
