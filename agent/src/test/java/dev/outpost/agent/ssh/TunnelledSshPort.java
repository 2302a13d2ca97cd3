package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.HostCertificate;
import dev.outpost.agent.tunnel.SshStreamAcceptor;
import dev.outpost.agent.tunnel.SshStreamAcceptor.SshServerLink;
import dev.outpost.api.CertificateProof;
import dev.outpost.client.http.WireJson;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * A loopback port for a test's SSH client whose every connection reaches the agent's side as the
 * proxy's would: the agent dials a tunnel (in memory, proving its host certificate), and each
 * connection becomes a stream {@code ssh?login=…&user=USER&session=sN} (N counting from 1) that the
 * agent's {@link SshStreamAcceptor} hands to {@code link}.
 */
final class TunnelledSshPort implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final ServerSocket listener =
      new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
  private final AtomicInteger sessions = new AtomicInteger();
  private final TunnelConnection proxy;
  private final TunnelConnection agent;
  private final String target;

  /** Each stream's target names the OS user running the tests as its login, and {@code user}. */
  TunnelledSshPort(CurrentIdentity identity, SshServerLink link, String user) throws Exception {
    InMemoryTransport.Pair wire = InMemoryTransport.pair();
    proxy = TunnelConnection.accept(wire.left(), TunnelSettings.defaults(),
        (nonce, credential) -> {
          CertificateProof proof = WireJson.mapper().readValue(credential, CertificateProof.class);
          assertInstanceOf(OpenSshCertificate.class, proof.verify(CertificateProof.tunnelChallenge(nonce)));
          return HostCertificate.parse(proof.certificate()).keyId();
        },
        StreamAcceptor.REFUSE_ALL);
    agent = TunnelConnection.dial(wire.right(), TunnelSettings.defaults(),
        new CertificateProver(identity.get().hostKey(), identity.get().hostCertificate().line()),
        new SshStreamAcceptor(link));
    agent.awaitHandshake(TIMEOUT);
    assertEquals(identity.get().node().node(), proxy.awaitHandshake(TIMEOUT).peerIdentity());
    target = "ssh?login=" + System.getProperty("user.name") + "&user=" + user + "&session=s";
    Thread accepting = new Thread(this::acceptConnections, "tunnelled-ssh-port");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptConnections() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        String stream = target + sessions.incrementAndGet();
        Thread carrier = new Thread(() -> carry(socket, stream), "tunnelled-ssh-" + stream);
        carrier.setDaemon(true);
        carrier.start();
      } catch (IOException e) {
        // closed: the test is over
      }
    }
  }

  private void carry(Socket socket, String stream) {
    try (socket) {
      Splice.start(Splice.Side.of(proxy.open(stream)), Splice.Side.of(socket)).join();
    } catch (Exception e) {
      // the client sees the failure as a closed connection
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    agent.close("test over");
  }
}
