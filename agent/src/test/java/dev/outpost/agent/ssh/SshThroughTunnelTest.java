package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.HostCertificate;
import dev.outpost.agent.tunnel.LoopbackSshLink;
import dev.outpost.agent.tunnel.SshStreamAcceptor;
import dev.outpost.agent.tunnel.SshStreamAcceptor.SshServerLink;
import dev.outpost.api.CertificateProof;
import dev.outpost.client.http.WireJson;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agent's path for real, minus WebSocket and TLS: a "proxy" accepts the agent's tunnel over an
 * in-memory transport, checks the host certificate proof, opens an {@code ssh?…} stream, and an SSH
 * client talks to the built-in server through it, in both directions, with half-close; the stream
 * handed to the server in process, as the agent does, and spliced to its loopback port, as the
 * agent does for the node's OpenSSH.
 */
class SshThroughTunnelTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String LOGIN = System.getProperty("user.name");

  /** How the agent's side reaches the server. */
  enum Link {
    IN_PROCESS(server -> server::serve),
    LOOPBACK(server -> new LoopbackSshLink(server.address()));

    final Function<BuiltinSshServer, SshServerLink> of;

    Link(Function<BuiltinSshServer, SshServerLink> of) {
      this.of = of;
    }
  }

  @ParameterizedTest
  @EnumSource(Link.class)
  void sshSessionCrossesTheTunnel(Link link) throws Exception {
    KeyPair hostCa = Fixtures.ed25519();
    KeyPair userCa = Fixtures.ed25519();
    KeyPair userKey = Fixtures.ed25519();
    Instant now = Instant.now();
    CurrentIdentity identity =
        new CurrentIdentity(Fixtures.identity(hostCa, userCa, now.minusSeconds(60), now.plus(Duration.ofDays(7))));
    CompletableFuture<Optional<StreamTarget>> execStream = new CompletableFuture<>();
    SessionObserver execObserver = new SessionObserver() {
      @Override
      public TerminalRecorder recordTerminal(ChannelSession channel, TerminalSize size) {
        return TerminalRecorder.NONE;
      }

      @Override
      public void event(Session session, String type, String target, boolean success, String reason) {
        execStream.complete(TunnelClientAddress.streamOf(session.getIoSession().getRemoteAddress()));
      }
    };

    try (BuiltinSshServer server =
            BuiltinSshServer.start(identity, LoginLauncher.forCurrentUser(), Optional::empty, Clock.systemUTC(),
                execObserver);
        ServerSocket clientSide = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InMemoryTransport.Pair wire = InMemoryTransport.pair();
      TunnelConnection proxy =
          TunnelConnection.accept(
              wire.left(),
              TunnelSettings.defaults(),
              (nonce, credential) -> {
                CertificateProof proof =
                    WireJson.mapper().readValue(credential, CertificateProof.class);
                assertInstanceOf(OpenSshCertificate.class, proof.verify(CertificateProof.tunnelChallenge(nonce)));
                return HostCertificate.parse(proof.certificate()).keyId();
              },
              StreamAcceptor.REFUSE_ALL);
      TunnelConnection agent =
          TunnelConnection.dial(
              wire.right(),
              TunnelSettings.defaults(),
              new CertificateProver(identity.get().hostKey(), identity.get().hostCertificate().line()),
              new SshStreamAcceptor(link.of.apply(server)));
      agent.awaitHandshake(TIMEOUT);
      assertEquals("edge-1", proxy.awaitHandshake(TIMEOUT).peerIdentity());

      // the SSH client's socket is spliced to a stream the proxy opens on the agent
      Thread bridge =
          new Thread(
              () -> {
                try (Socket socket = clientSide.accept()) {
                  Splice.start(
                          Splice.Side.of(proxy.open("ssh?login=" + LOGIN + "&user=alice&session=s1")),
                          Splice.Side.of(socket))
                      .join();
                } catch (Exception e) {
                  // the client sees the failure as a closed connection
                }
              });
      bridge.start();

      SshClient client = SshClient.setUpDefaultClient();
      client.setServerKeyVerifier((session, address, key) -> key instanceof OpenSshCertificate);
      client.start();
      OpenSshCertificate certificate =
          Fixtures.userCertificate(userCa, userKey, List.of(LOGIN), now.minusSeconds(60), now.plusSeconds(600), Map.of());
      try (ClientSession session =
          client.connect(LOGIN, "edge-1", clientSide.getLocalPort()).verify(TIMEOUT).getSession()) {
        session.addPublicKeyIdentity(new KeyPair(certificate, userKey.getPrivate()));
        session.auth().verify(TIMEOUT);

        byte[] upload = new byte[3 << 20];
        try (ChannelExec exec = session.createExecChannel("wc -c; head -c 5242880 /dev/zero")) {
          ByteArrayOutputStream err = new ByteArrayOutputStream();
          CountingOutput out = new CountingOutput();
          exec.setIn(new ByteArrayInputStream(upload));
          exec.setOut(out);
          exec.setErr(err);
          exec.open().verify(TIMEOUT);
          exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
          assertEquals(0, exec.getExitStatus(), err.toString(StandardCharsets.UTF_8));
          // "3145728\n" from wc, then 5 MiB of zeros: both beyond the 2 MiB stream windows
          assertEquals(8 + (5L << 20), out.count);
        }
        // in process, the session knows the proxy's stream; over loopback, as with OpenSSH, not
        Optional<StreamTarget> stream = execStream.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(link == Link.IN_PROCESS ? Optional.of("s1") : Optional.empty(),
            stream.map(target -> target.field("session")));
      } finally {
        client.stop();
        agent.close("test over");
      }
    }
  }

  private static final class CountingOutput extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
