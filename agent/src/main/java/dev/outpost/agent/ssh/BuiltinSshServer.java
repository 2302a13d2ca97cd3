package dev.outpost.agent.ssh;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.recording.SessionDirectory;
import dev.outpost.api.ssh.NodeCiphers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.DirectTcpipFactory;

/**
 * The agent's own SSH server (MINA SSHD), listening on an ephemeral loopback port that only the
 * agent's tunnel streams reach. It presents the node's host certificate, admits nothing but
 * Outpost user certificates of its cluster for the requested login, runs sessions as that login on
 * real PTYs, and enforces what the certificate permits: {@code direct-tcpip} channels only with
 * {@code permit-port-forwarding}, scp and sftp only with the file-copy permission; never agent,
 * X11 or remote forwarding.
 */
public final class BuiltinSshServer implements AutoCloseable {
  /**
   * MINA counts every USERAUTH_REQUEST, "none" and key queries included; an OpenSSH client needs
   * three for one certificate, so 6 leaves room for a key or two from ssh-agent tried first.
   */
  static final int MAX_AUTH_REQUESTS = 6;

  static final int MAX_CHANNELS_PER_SESSION = 10;
  static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
  /** Silence this long ends a session; as long as the longest user certificate lives by default. */
  static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
  /** I/O threads for all sessions; an edge device has few cores and few concurrent users. */
  static final int NIO_WORKERS = 2;

  private final SshServer server;

  private BuiltinSshServer(SshServer server) {
    this.server = server;
  }

  /** Starts a server for the current identity, running sessions as this process's user allows. */
  public static BuiltinSshServer start(CurrentIdentity identity, SessionObserver observer,
      SessionDirectory sessions) throws IOException {
    return start(identity, LoginLauncher.forCurrentUser(), SftpSubsystem::findSftpServer,
        Clock.systemUTC(), observer, sessions);
  }

  static BuiltinSshServer start(
      CurrentIdentity identity,
      LoginLauncher launcher,
      Supplier<Optional<Path>> sftpServer,
      Clock clock,
      SessionObserver observer,
      SessionDirectory sessions)
      throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setCipherFactories(NodeCiphers.FACTORIES);
    server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    server.setPort(0);

    HostIdentityProvider host = new HostIdentityProvider(identity);
    server.setKeyPairProvider(host);
    server.setHostKeyCertificateProvider(host);

    server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    server.setPublickeyAuthenticator(
        new UserCertificateAuthenticator(
            () -> identity.get().userCas(), identity.get().node().cluster(), sessions, clock));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setGSSAuthenticator(null);
    server.setHostBasedAuthenticator(null);

    server.setChannelFactories(List.of(SessionChannel.FACTORY, DirectTcpipFactory.INSTANCE));
    server.setForwardingFilter(new CertificateForwardingFilter(observer));
    server.setAgentFactory(null);

    SessionCommands commands = new SessionCommands(launcher, observer);
    server.setShellFactory(commands);
    server.setCommandFactory(commands);
    server.setSubsystemFactories(List.of(new SftpSubsystem(launcher, sftpServer, observer)));
    server.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);

    CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, MAX_AUTH_REQUESTS);
    CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, MAX_CHANNELS_PER_SESSION);
    CoreModuleProperties.AUTH_TIMEOUT.set(server, AUTH_TIMEOUT);
    CoreModuleProperties.IDLE_TIMEOUT.set(server, IDLE_TIMEOUT);
    CoreModuleProperties.NIO_WORKERS.set(server, NIO_WORKERS);
    CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "OutpostAgent");

    server.start();
    return new BuiltinSshServer(server);
  }

  /** Where tunnel streams are spliced to. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort());
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
