package dev.outpost.web.ws;

import dev.outpost.application.AccessService;
import dev.outpost.application.ClusterService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.application.tunnel.VerifiedUser;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.clusters.LeafRelay;
import dev.outpost.application.access.ResumedSession;
import dev.outpost.tunnel.EndToEndPoint;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor.StreamHandler;
import dev.outpost.tunnel.StreamKey;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Connects a user's stream to a node's SSH service: authorise, find the node's tunnel, open a
 * stream on it and splice the two. Only bytes pass; the SSH session is end to end.
 */
@ApplicationScoped
public class SshRelay {
  private static final int SSH_PORT = 22;
  /** The target prefix of a client's resume of an end-to-end stream. */
  private static final String RESUME = "resume?";
  /**
   * How long a resume waits for its node to reconnect too: an agent redials within 30 s (its
   * backoff) plus a retry-after hint, once the proxy is back.
   */
  private static final Duration NODE_RETURN = Duration.ofSeconds(90);

  @Inject AccessService access;
  @Inject ClusterService cluster;
  @Inject AgentTunnels tunnels;
  @Inject LiveSessions live;
  @Inject LeafRelay leaves;
  @Inject SecureRandom random;

  /** Decides about one requested stream; runs on the tunnel's reader, so only checks here. */
  StreamHandler accept(VerifiedUser verified, String target, String remoteAddress)
      throws StreamRefusedException {
    if (target.startsWith(RESUME)) {
      return resume(verified.identity(), target, remoteAddress);
    }
    SshTarget ssh;
    try {
      ssh = SshTarget.parse(target);
    } catch (IllegalArgumentException e) {
      throw new StreamRefusedException(e.getMessage());
    }
    if (ssh.port() != SSH_PORT) {
      throw new StreamRefusedException("only the node's SSH service (port 22) is reachable, not port " + ssh.port());
    }
    if (ssh.cluster() != null && !ssh.cluster().equals(cluster.info().cluster())) {
      return leaves.ssh(verified, ssh.cluster(), ssh.node(), ssh.login(), remoteAddress);
    }
    UserIdentity user = verified.identity();
    UUID session;
    try {
      session = access.authorizeSsh(user, ssh.login(), ssh.node(), remoteAddress);
    } catch (OutpostException e) {
      throw new StreamRefusedException(e.getMessage());
    }
    Tunnel node = tunnels.find(ssh.node())
        .orElseThrow(() -> new StreamRefusedException("node '" + ssh.node() + "' is offline"));
    String agentTarget = agentTarget(ssh.login(), user.user(), session);
    if (!ssh.endToEnd()) {
      return client -> relay(client, node, ssh.node(), agentTarget, user.user(), session);
    }
    StreamKey key = StreamKey.random(random);
    return new StreamHandler() {
      @Override
      public void serve(TunnelStream client) {
        relay(client, node, ssh.node(), agentTarget + "&key=" + key, user.user(), session);
      }

      @Override
      public String acceptedAs() {
        return "key=" + key + "&session=" + session;
      }
    };
  }

  /**
   * A client carries an end-to-end stream on after the proxy that relayed it went away ({@code
   * resume?key=K&session=S&received=…}): the session must be the user's own and still allowed,
   * and the node must still hold the stream for the same user and session (it checks); then the
   * stream is relayed on, counting from where the ends got to.
   */
  private StreamHandler resume(UserIdentity user, String target, String remoteAddress)
      throws StreamRefusedException {
    StreamTarget parsed = StreamTarget.parse(target);
    StreamKey key;
    UUID session;
    EndToEndPoint point;
    try {
      key = new StreamKey(parsed.field("key"));
      session = UUID.fromString(parsed.field("session"));
      point = EndToEndPoint.of(parsed);
    } catch (IllegalArgumentException e) {
      throw new StreamRefusedException("malformed resume: " + e.getMessage());
    }
    ResumedSession resumed;
    try {
      resumed = access.authorizeResume(user, session, remoteAddress);
    } catch (OutpostException e) {
      throw new StreamRefusedException(e.getMessage());
    }
    String agentTarget = RESUME + "key=" + key + "&user=" + encode(user.user()) + "&session="
        + session;
    return new StreamHandler() {
      @Override
      public void serve(TunnelStream client) {
        TunnelStream server;
        try {
          // After a restart the node may dial in after its client: its streams wait for both.
          Tunnel node = tunnels.await(resumed.node(), NODE_RETURN)
              .orElseThrow(() -> new IOException("node '" + resumed.node() + "' is offline"));
          server = node.openResumed(agentTarget, point);
        } catch (IOException e) {
          access.resumeRefused(user.user(), session, remoteAddress, e.getMessage());
          client.reset(e.getMessage());
          return;
        }
        splice(client, server, resumed.node(), user.user(), session);
      }

      @Override
      public EndToEndPoint resumesFrom() {
        return point;
      }
    };
  }

  /**
   * Relays a session of a root cluster's user that this leaf authorised ({@code
   * AccessService.authorizeRemoteSsh}). The node is told which CA and cluster may have signed the
   * certificate and what this cluster's roles grant, since it knows only its own cluster's CA.
   *
   * @param trust the agent target fields {@code ca}, {@code cluster} and {@code grants}
   */
  public void relayRemote(TunnelStream client, String node, String login, String user,
      UUID session, Map<String, String> trust) {
    StringBuilder target = new StringBuilder(agentTarget(login, user, session));
    trust.forEach((name, value) -> target.append('&').append(name).append('=').append(encode(value)));
    Optional<Tunnel> tunnel = tunnels.find(node);
    if (tunnel.isEmpty()) {
      String offline = "node '" + node + "' is offline";
      client.reset(offline);
      access.sessionEnded(session, 0, 0, offline);
      return;
    }
    relay(client, tunnel.get(), node, target.toString(), user, session);
  }

  /**
   * Opens a stream to {@code node}'s SSH service for an already authorised session (a browser
   * terminal's).
   *
   * @throws IOException when the node is offline or its agent refuses
   */
  public TunnelStream openToNode(String node, String login, String user, UUID session)
      throws IOException {
    Tunnel tunnel = tunnels.find(node)
        .orElseThrow(() -> new IOException("node '" + node + "' is offline"));
    return tunnel.open(agentTarget(login, user, session));
  }

  private void relay(TunnelStream client, Tunnel node, String nodeName, String agentTarget,
      String user, UUID session) {
    TunnelStream server;
    try {
      server = node.open(agentTarget);
    } catch (IOException e) {
      String failure = "node '" + nodeName + "' refused the connection: " + e.getMessage();
      client.reset(failure);
      access.sessionEnded(session, 0, 0, failure);
      return;
    }
    splice(client, server, nodeName, user, session);
  }

  /** Relays a client's stream and the node's until the session ends, which is then audited. */
  private void splice(TunnelStream client, TunnelStream server, String nodeName, String user,
      UUID session) {
    Splice.Transferred transferred = new Splice.Transferred(0, 0);
    String failure = null;
    try {
      live.started(session, user, nodeName, client::reset);
      transferred = Splice.relay(client, server).join();
    } catch (CompletionException e) {
      // The splice already reset both streams with the reason, e.g. the node's link did not
      // come back within the resume grace.
      failure = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    } finally {
      live.ended(session);
      access.sessionEnded(session, transferred.aToB(), transferred.bToA(), failure);
    }
  }

  private static String agentTarget(String login, String user, UUID session) {
    return "ssh?login=" + encode(login) + "&user=" + encode(user) + "&session=" + session;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
