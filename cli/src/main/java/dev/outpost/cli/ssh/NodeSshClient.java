package dev.outpost.cli.ssh;

import dev.outpost.cli.CliException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
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
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    // Refuse an invalid host certificate outright instead of falling back to its plain key.
    CoreModuleProperties.ABORT_ON_INVALID_CERTIFICATE.set(client, true);
    client.start();
  }

  /**
   * Connects to {@code address} and authenticates as {@code login}.
   *
   * @param connected told the local address of the client's socket as soon as it is connected,
   *     before the SSH handshake (see {@link dev.outpost.tunnel.LoopbackBridge#admit})
   */
  ClientSession connect(
      InetSocketAddress address,
      String login,
      SshIdentity identity,
      Consumer<SocketAddress> connected)
      throws CliException {
    ClientSession session;
    try {
      ConnectFuture connecting = client.connect(login, address);
      connecting.verify(timeout);
      session = connecting.getSession();
    } catch (IOException e) {
      throw CliException.failure("cannot connect to " + hostPrincipal + ": " + e.getMessage(), e);
    }
    connected.accept(session.getIoSession().getLocalAddress());
    session.addPublicKeyIdentity(identity.certifiedKeyPair());
    try {
      session.auth().verify(timeout);
      return session;
    } catch (IOException e) {
      throw refused(login, e);
    }
  }

  private CliException refused(String login, IOException e) {
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
    return CliException.failure("SSH to " + hostPrincipal + " failed: " + reason, e);
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
