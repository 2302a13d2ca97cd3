package dev.outpost.agent.ssh;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.api.ssh.NodeCiphers;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.TunnelStream;
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
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.DirectTcpipFactory;

/**
 * The agent's own SSH server (MINA SSHD), reached only through tunnel streams handed to it in
 * process ({@link #serve}): it listens on no socket, so nothing on the device can reach it but the
 * proxy's streams. It presents the node's host certificate, admits nothing but Outpost user
 * certificates of its cluster for the requested login, runs sessions as that login on real PTYs,
 * and enforces what the certificate permits: {@code direct-tcpip} channels only with {@code
 * permit-port-forwarding}, scp and sftp only with the file-copy permission; never agent, X11 or
 * remote forwarding.
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
  /** I/O threads of the sockets that forwarded ({@code direct-tcpip}) channels open. */
  static final int NIO_WORKERS = 2;

  /** What MINA sees as each session's local address; nothing listens there. */
  private static final InetSocketAddress LOCAL_ADDRESS =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final SshServer server;
  private final TunnelIoService tunnelSessions = new TunnelIoService();

  private BuiltinSshServer(SshServer server) {
    this.server = server;
  }

  /** Starts a server for the current identity, running sessions as this process's user allows. */
  public static BuiltinSshServer start(CurrentIdentity identity, SessionObserver observer)
      throws IOException {
    return start(identity, LoginLauncher.forCurrentUser(), SftpSubsystem::findSftpServer,
        Clock.systemUTC(), observer);
  }

  static BuiltinSshServer start(
      CurrentIdentity identity,
      LoginLauncher launcher,
      Supplier<Optional<Path>> sftpServer,
      Clock clock,
      SessionObserver observer)
      throws IOException {
    SshServer server = ServerBuilder.builder().factory(StreamOnlySshServer::new).build();
    server.setCipherFactories(NodeCiphers.FACTORIES);

    HostIdentityProvider host = new HostIdentityProvider(identity);
    server.setKeyPairProvider(host);
    server.setHostKeyCertificateProvider(host);

    server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    server.setPublickeyAuthenticator(
        new UserCertificateAuthenticator(
            () -> identity.get().userCas(), identity.get().node().cluster(), clock));
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

  /**
   * Serves the SSH connection that tunnel stream {@code stream} to {@code target} carries, on the
   * calling thread until it ends: MINA's session reads and writes the stream itself, with no socket
   * in between, and reports the target as its client ({@link TunnelClientAddress}).
   *
   * @return the bytes that came in and went out
   */
  public Splice.Transferred serve(TunnelStream stream, StreamTarget target) {
    TunnelIoSession session = new TunnelIoSession(stream, server.getSessionFactory(), tunnelSessions,
        LOCAL_ADDRESS, new TunnelClientAddress(stream.id(), target));
    tunnelSessions.opened(session);
    try {
      return session.run();
    } finally {
      tunnelSessions.closed(session);
    }
  }

  @Override
  public void close() throws IOException {
    tunnelSessions.close(true);
    server.stop(true);
  }

  /**
   * MINA's server without its socket acceptor: {@link SshServer#start} would bind one, on an
   * ephemeral port at least. Starting checks the configuration, makes the session factory that
   * {@link #serve} hands streams to, and starts the idle and authentication timeouts' checker.
   */
  private static final class StreamOnlySshServer extends SshServer {
    @Override
    public void start() {
      checkConfig();
      setSessionFactory(createSessionFactory());
      setupSessionTimeout(getSessionFactory());
    }
  }
}
