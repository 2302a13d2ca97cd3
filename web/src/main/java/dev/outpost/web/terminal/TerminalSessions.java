package dev.outpost.web.terminal;

import dev.outpost.api.CertificateProof;
import dev.outpost.application.AccessService;
import dev.outpost.application.ClusterService;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.tunnel.NamedDaemonThreads;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.web.clusters.LeafRelay;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser terminals open on this proxy. Opening one: the access decision (the single
 * {@link AccessService}, audited as {@code session.start} with {@code origin=web}), a key pair
 * made here for this session alone, a one-minute certificate for it with only the chosen login,
 * a stream on the node's agent tunnel, and an SSH login over it. Users list and close their own.
 */
@ApplicationScoped
public class TerminalSessions {
  private static final Logger LOG = Logger.getLogger(TerminalSessions.class.getName());
  private static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);

  @Inject AccessService access;
  @Inject ClusterService cluster;
  @Inject LeafRelay leaves;

  private final Map<UUID, Terminal> open = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private ExecutorService pumps;
  private NodeShellClient ssh;
  /** One SSH client per leaf cluster: each checks host certificates against its leaf's CA. */
  private final Map<String, NodeShellClient> leafClients = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    // Pumps block on their shell for the whole session, openings on the node and typed input on
    // the shell's window: a growable pool of our own, not the server's bounded request or
    // managed threads.
    pumps = Executors.newCachedThreadPool(new NamedDaemonThreads("terminal-io"));
    // asked per connection: a host CA rotation applies at once
    ssh = new NodeShellClient(() -> cluster.info().hostCaKeys().stream()
        .map(SshKeys::parsePublicKey).toList(), clock, SSH_TIMEOUT);
  }

  @PreDestroy
  void stop() {
    for (Terminal terminal : open.values()) {
      try {
        terminal.end("proxy shutting down");
      } catch (RuntimeException e) {
        // the audit may already be gone while the server stops: the shell is closed regardless
        LOG.log(Level.FINE, "ending a terminal at shutdown", e);
      }
    }
    ssh.close();
    leafClients.values().forEach(NodeShellClient::close);
    pumps.shutdownNow();
  }

  /**
   * {@link #open} on a thread of this registry's own: opening waits for the node's agent, whose
   * tunnel messages arrive on the server's request threads, so a request thread must never wait
   * for it (enough terminals opening at once would hold every request thread and deadlock).
   */
  public CompletableFuture<Terminal> openLater(UserIdentity user, String clusterName, String node,
      String login, TerminalSize size, String remoteAddr, NodeStreams streams,
      BrowserSide browser) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return clusterName == null || clusterName.equals(cluster.info().cluster())
            ? open(user, node, login, size, remoteAddr, streams, browser)
            : openInLeaf(user, clusterName, node, login, size, remoteAddr, browser);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, pumps);
  }

  /**
   * Opens a terminal for {@code user} as {@code login} on {@code node}, sends the browser the
   * {@code ready} message and starts relaying.
   *
   * @throws OutpostException FORBIDDEN, NOT_FOUND or UNAVAILABLE from the access decision
   * @throws IOException when the node cannot be reached over SSH
   */
  Terminal open(UserIdentity user, String node, String login, TerminalSize size,
      String remoteAddr, NodeStreams streams, BrowserSide browser) throws IOException {
    UUID session = access.authorizeWebTerminal(user, login, node, remoteAddr);
    NodeShell shell;
    try {
      KeyPair key = SshKeys.generateEd25519(random);
      PublicKey certificate = CertificateProof.parseCertificate(
          access.webTerminalCertificate(user, key.getPublic(), login));
      TunnelStream stream = streams.openSsh(node, login, user.user(), session);
      shell = ssh.open(stream, node + "." + cluster.info().cluster(), login,
          new KeyPair(certificate, key.getPrivate()), size);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      access.sessionEnded(session, 0, 0);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    Terminal terminal = new Terminal(session, user.user(), node, login,
        clock.instant(), shell, browser, pumps, this::ended);
    open.put(session, terminal);
    browser.send(TerminalProtocol.ready(session, node, login));
    pumps.execute(terminal::pump);
    return terminal;
  }

  /**
   * Opens a terminal on {@code node} of leaf cluster {@code leaf}: the leaf decides on the
   * one-minute certificate this proxy signs for the session and audits the session itself; here
   * only the crossing is audited, and the terminal is listed and closed like any other.
   */
  Terminal openInLeaf(UserIdentity user, String leaf, String node, String login,
      TerminalSize size, String remoteAddr, BrowserSide browser) throws IOException {
    NodeShell shell;
    try {
      KeyPair key = SshKeys.generateEd25519(random);
      String certificate = access.webTerminalCertificate(user, key.getPublic(), login);
      TunnelStream stream = leaves.openSsh(user, leaf, node, login, certificate, remoteAddr);
      shell = leafClient(leaf).open(stream, node + "." + leaf, login,
          new KeyPair(CertificateProof.parseCertificate(certificate), key.getPrivate()), size);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
    UUID session = UUID.randomUUID();
    Terminal terminal = new Terminal(session, user.user(), node + "." + leaf, login,
        clock.instant(), shell, browser, pumps, ended -> open.remove(ended.session()));
    open.put(session, terminal);
    browser.send(TerminalProtocol.ready(session, terminal.node(), login));
    pumps.execute(terminal::pump);
    return terminal;
  }

  private NodeShellClient leafClient(String leaf) {
    return leafClients.computeIfAbsent(leaf, name -> new NodeShellClient(
        () -> leaves.hostCaKeys(name), clock, SSH_TIMEOUT));
  }

  /** The user's open terminals, oldest first. */
  public List<Terminal> of(String user) {
    return open.values().stream().filter(t -> t.user().equals(user))
        .sorted(Comparator.comparing(Terminal::started)).toList();
  }

  /**
   * The user closes one of their sessions: audited as {@code session.terminate}, then ended.
   *
   * @throws OutpostException NOT_FOUND unless it is an open session of {@code user}
   */
  public void terminate(String user, UUID session) {
    Terminal terminal = open.get(session);
    if (terminal == null || !terminal.user().equals(user)) {
      throw OutpostException.notFound("no open session " + session + " of " + user);
    }
    access.sessionTerminated(session, user);
    terminal.end("closed by " + user);
  }

  private void ended(Terminal terminal) {
    open.remove(terminal.session());
    access.sessionEnded(terminal.session(), terminal.bytesIn(), terminal.bytesOut());
  }
}
