package dev.outpost.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outpost.api.CertificateProof;
import dev.outpost.cli.TestCertificates;
import dev.outpost.client.http.WireJson;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code outpost ssh} over a real tunnel, in memory: the user certificate proves the client tunnel
 * as the proxy verifies it, and the SSH session runs through a flow-controlled tunnel stream.
 */
@Timeout(120)
class SshOverTunnelTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void runsACommandThroughTheClientTunnel() throws Exception {
    KeyPair userCa = TestCertificates.ed25519();
    KeyPair hostCa = TestCertificates.ed25519();
    KeyPair hostKey = TestCertificates.ed25519();
    KeyPair key = TestCertificates.ed25519();
    OpenSshCertificate certificate =
        TestCertificates.user(userCa, key.getPublic(), "alice", List.of("root"));
    SshIdentity alice = new SshIdentity(key, TestCertificates.line(certificate), certificate);

    try (TestSshServer node =
        new TestSshServer(
            hostKey,
            TestCertificates.host(hostCa, hostKey.getPublic(), "node1", "edge"),
            userCa.getPublic())) {
      InMemoryTransport.Pair wire = InMemoryTransport.pair();
      TunnelConnection proxy =
          TunnelConnection.accept(
              wire.left(),
              TunnelSettings.defaults(),
              SshOverTunnelTest::verifyProof,
              sshTo(node.port()));
      TunnelConnection client =
          TunnelConnection.dial(
              wire.right(), TunnelSettings.defaults(), alice.prover(), StreamAcceptor.REFUSE_ALL);
      try (client) {
        client.awaitHandshake(WAIT);
        assertEquals("alice", proxy.awaitHandshake(WAIT).peerIdentity());

        SshTarget target = SshTarget.parse("root@node1:22");
        TunnelStream stream = client.open(target.streamTarget());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Stdio stdio =
            new Stdio(
                new ByteArrayInputStream("through the tunnel".getBytes(StandardCharsets.UTF_8)),
                out,
                new ByteArrayOutputStream());
        int status =
            new NodeSsh(alice, List.of(hostCa.getPublic()), Clock.systemUTC(), WAIT)
                .run(stream, target, "node1.edge", List.of("uname"), stdio);

        assertEquals(TestSshServer.EXIT_STATUS, status);
        assertEquals(
            "ran: uname\nstdin: through the tunnel\n", out.toString(StandardCharsets.UTF_8));
      }
    }
  }

  /** The proxy's check of the AUTH credential, less the CA and validity checks. */
  private static String verifyProof(byte[] nonce, byte[] credential) throws Exception {
    CertificateProof proof = WireJson.mapper().readValue(credential, CertificateProof.class);
    return ((OpenSshCertificate) proof.verify(CertificateProof.tunnelChallenge(nonce))).getId();
  }

  /** Serves {@code ssh:root@node1:22} by splicing to the node's SSH port, as the agent does. */
  private static StreamAcceptor sshTo(int port) {
    return target -> {
      if (!target.equals("ssh:root@node1:22")) {
        throw new StreamRefusedException("unexpected target " + target);
      }
      return stream -> {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Splice.start(Splice.Side.of(socket), Splice.Side.of(stream)).join();
      };
    };
  }
}
