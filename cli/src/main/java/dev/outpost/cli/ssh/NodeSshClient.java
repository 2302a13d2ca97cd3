package dev.outpost.cli.ssh;

import dev.outpost.api.ssh.NodeCiphers;
import dev.outpost.cli.CliException;
import dev.outpost.tunnel.LoopbackBridge;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * MINA SSHD's client, set up for one node: public-key authentication with the user certificate
 * only, the host certificate checked by a {@link HostCertificateVerifier}, and nothing read from
 * {@code ~/.ssh} (no config file, no default keys, no agent).
 */
final class NodeSshClient implements AutoCloseable {
  /** How long a failed session waits for the stream's reset reason to name the cause. */
  static final Duration REASON_WAIT = Duration.ofSeconds(2);


  private final SshClient client;
  private final HostCertificateVerifier verifier;
  private final String hostPrincipal;
  private final Duration timeout;

  NodeSshClient(HostCertificateVerifier verifier, String hostPrincipal, Duration timeout) {
    this.verifier = verifier;
    this.hostPrincipal = hostPrincipal;
    this.timeout = timeout;
    this.client =
        ClientBuilder.builder()
            .factory(() -> new NodeNamedClient(hostPrincipal))
            .serverKeyVerifier(verifier)
            .hostConfigEntryResolver(HostConfigEntryResolver.EMPTY)
            .build();
    client.setCipherFactories(NodeCiphers.FACTORIES);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    // Refuse an invalid host certificate outright instead of falling back to its plain key.
    CoreModuleProperties.ABORT_ON_INVALID_CERTIFICATE.set(client, true);
    // Its socket is the loopback bridge's: interactive packets go out at once, without Nagle.
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    // Silence is no reason to end a session, nor is the node's link being down while its tunnel
    // stream waits out the resume grace: the tunnel and the node's own server decide that.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    client.start();
  }

  /**
   * Connects through {@code bridge} and authenticates as {@code login}; the bridge is told the
   * local address of the client's socket as soon as it is connected, before the SSH handshake
   * (see {@link LoopbackBridge#admit}).
   */
  ClientSession connect(LoopbackBridge bridge, String login, SshIdentity identity)
      throws CliException {
    ClientSession session;
    try {
      ConnectFuture connecting = client.connect(login, bridge.address());
      connecting.verify(timeout);
      session = connecting.getSession();
    } catch (IOException e) {
      throw CliException.failure("cannot connect to " + hostPrincipal + ": " + e.getMessage(), e);
    }
    bridge.admit(session.getIoSession().getLocalAddress());
    session.addPublicKeyIdentity(identity.certifiedKeyPair());
    try {
      session.auth().verify(timeout);
      return session;
    } catch (IOException e) {
      throw refused(login, e, bridge);
    }
  }

  private CliException refused(String login, IOException e, LoopbackBridge bridge) {
    if (verifier.refusal().isPresent()) {
      return CliException.failure("refusing " + hostPrincipal + ": " + verifier.refusal().get(), e);
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.contains("KeyExchange")) {
      return CliException.failure("refusing " + hostPrincipal + ": " + reason, e);
    }
    if (reason.contains("No more authentication methods")) {
      return CliException.failure(
          hostPrincipal + " did not accept your certificate for login '" + login + "'", e);
    }
    // a proxy or leaf that refuses after the stream opened resets it with the reason
    return CliException.failure("SSH to " + hostPrincipal + " failed: "
        + bridge.awaitFailure(REASON_WAIT).orElse(reason), e);
  }

  @Override
  public void close() throws IOException {
    client.stop();
  }

  /**
   * MINA checks a host certificate's principals against the address it connected to, which here is
   * only the loopback bridge; this client reports the node's name as that address instead.
   */
  private static final class NodeNamedClient extends SshClient {
    private final String hostName;

    NodeNamedClient(String hostName) {
      this.hostName = hostName;
    }

    @Override
    protected void onConnectOperationComplete(
        IoSession ioSession,
        ConnectFuture future,
        String username,
        SocketAddress address,
        KeyIdentityProvider identities,
        HostConfigEntry hostConfig)
        throws IOException, GeneralSecurityException {
      SocketAddress named =
          InetSocketAddress.createUnresolved(hostName, ((InetSocketAddress) address).getPort());
      super.onConnectOperationComplete(ioSession, future, username, named, identities, hostConfig);
    }
  }
}
