package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.tunnel.LoopbackSshLink;
import dev.outpost.tunnel.StreamTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * handed to the server in process, as the agent does, and spliced to a loopback port, as the agent
 * does for the node's OpenSSH.
 */
class SshThroughTunnelTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String LOGIN = System.getProperty("user.name");

  /** How the agent's side reaches the server. */
  enum Link {
    IN_PROCESS,
    LOOPBACK
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
        // stands for the node's OpenSSH on loopback: the same server behind a port of its own
        TunnelledSshPort nodeSshd = new TunnelledSshPort(identity, server::serve, "local");
        TunnelledSshPort proxy = new TunnelledSshPort(identity,
            link == Link.IN_PROCESS
                ? server::serve
                : new LoopbackSshLink(new InetSocketAddress(InetAddress.getLoopbackAddress(), nodeSshd.port())),
            "alice")) {
      SshClient client = SshClient.setUpDefaultClient();
      client.setServerKeyVerifier((session, address, key) -> key instanceof OpenSshCertificate);
      client.start();
      OpenSshCertificate certificate =
          Fixtures.userCertificate(userCa, userKey, List.of(LOGIN), now.minusSeconds(60), now.plusSeconds(600), Map.of());
      try (ClientSession session =
          client.connect(LOGIN, "edge-1", proxy.port()).verify(TIMEOUT).getSession()) {
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
        // in process, the session knows the proxy's stream; over loopback, as with OpenSSH, only
        // the loopback connection it came by
        Optional<StreamTarget> stream = execStream.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(Optional.of(link == Link.IN_PROCESS ? "alice" : "local"),
            stream.map(target -> target.field("user")));
      } finally {
        client.stop();
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
