package dev.outpost.web.terminal;

import dev.outpost.api.HostCertificateCheck;
import dev.outpost.tunnel.LoopbackBridge;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The proxy as an SSH client of nodes, for browser terminals: one MINA client shared by all
 * terminals, each connection carried by a tunnel stream through a {@link LoopbackBridge}. It
 * authenticates only with the certified key it is handed for that session, and accepts a node only
 * with a host certificate that passes {@link HostCertificateCheck} for {@code NODE.CLUSTER}.
 *
 * <pre>
 *  browser ══ wss ══ TerminalEndpoint ── NodeShell ── MINA ──TCP──▶ LoopbackBridge ══ tunnel ══▶ node
 * </pre>
 */
public final class NodeShellClient implements AutoCloseable {
  /** How long a failed login waits for the stream's reset reason (a leaf's refusal, say). */
  private static final Duration REASON_WAIT = Duration.ofSeconds(2);
  private static final Logger LOG = Logger.getLogger(NodeShellClient.class.getName());
  private static final String TERM = "xterm-256color";

  private final SshClient client;
  private final Duration timeout;

  /** @param hostCaKeys the host CA keys to trust, asked at each connection */
  public NodeShellClient(Supplier<List<PublicKey>> hostCaKeys, Clock clock, Duration timeout) {
    this.timeout = timeout;
    this.client = ClientBuilder.builder()
        .factory(AliasAddressedClient::new)
        .serverKeyVerifier(new HostCertificateVerifier(hostCaKeys, clock))
        .hostConfigEntryResolver(HostConfigEntryResolver.EMPTY)
        .build();
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    CoreModuleProperties.ABORT_ON_INVALID_CERTIFICATE.set(client, true);
    // Its socket is the loopback bridge's: interactive packets go out at once, without Nagle.
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    // Silence is no reason to end a terminal: a user reading, or the node's link down while its
    // tunnel stream waits out the resume grace. The tunnel decides when the node is gone, the
    // node's own server (and the roles' client_idle_timeout) when the user is.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    client.start();
  }

  /**
   * Logs in as {@code login} on the node behind {@code stream} and starts its login shell on a
   * PTY of {@code size}.
   *
   * @param principal the node's name in its cluster, {@code NODE.CLUSTER}
   * @param certifiedKey the session's certificate (as public key) with its private key
   * @throws IOException when the node cannot be reached, refuses or fails the host check
   */
  public NodeShell open(TunnelStream stream, String principal, String login, KeyPair certifiedKey,
      TerminalSize size) throws IOException {
    LoopbackBridge bridge = LoopbackBridge.open(stream, timeout);
    ClientSession session = null;
    try {
      HostConfigEntry node = new HostConfigEntry(principal, bridge.address().getHostString(),
          bridge.address().getPort(), login);
      node.setIdentitiesOnly(true);
      ConnectFuture connecting = client.connect(node, null, null);
      connecting.verify(timeout);
      session = connecting.getSession();
      bridge.admit(session.getIoSession().getLocalAddress());
      session.addPublicKeyIdentity(certifiedKey);
      session.auth().verify(timeout);
      PtyChannelConfiguration pty = new PtyChannelConfiguration();
      pty.setPtyType(TERM);
      pty.setPtyColumns(size.cols());
      pty.setPtyLines(size.rows());
      ChannelShell channel = session.createShellChannel(pty, Map.of("LANG", "C.UTF-8"));
      channel.setRedirectErrorStream(true);
      channel.open().verify(timeout);
      return new NodeShell(bridge, session, channel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(session);
      bridge.close();
      String reason = bridge.awaitFailure(REASON_WAIT).orElse(e.getMessage());
      throw new IOException("SSH to " + principal + " as " + login + " failed: " + reason, e);
    }
  }

  @Override
  public void close() {
    client.stop();
  }

  private static void closeQuietly(ClientSession session) {
    if (session != null) {
      session.close(true);
    }
  }

  /** Checks the host key against the name this connection was opened for. */
  private static final class HostCertificateVerifier implements ServerKeyVerifier {
    private final Supplier<List<PublicKey>> hostCaKeys;
    private final Clock clock;

    HostCertificateVerifier(Supplier<List<PublicKey>> hostCaKeys, Clock clock) {
      this.hostCaKeys = hostCaKeys;
      this.clock = clock;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
      String principal = ((InetSocketAddress) session.getConnectAddress()).getHostString();
      return HostCertificateCheck.refusal(key, hostCaKeys.get(), principal, clock.instant())
          .map(refusal -> {
            LOG.warning(() -> "refusing node: " + refusal);
            return false;
          })
          .orElse(true);
    }
  }

  /**
   * MINA checks a host certificate's principals against the address it dialled, here only the
   * loopback bridge; the connection's host alias ({@code NODE.CLUSTER}) is reported instead.
   */
  private static final class AliasAddressedClient extends SshClient {
    @Override
    protected void onConnectOperationComplete(IoSession ioSession, ConnectFuture future,
        String username, SocketAddress address, KeyIdentityProvider identities,
        HostConfigEntry host) throws IOException, GeneralSecurityException {
      super.onConnectOperationComplete(ioSession, future, username,
          InetSocketAddress.createUnresolved(host.getHost(), host.getPort()), identities, host);
    }
  }
}
