package dev.outpost.web.clusters;

import dev.outpost.api.AppView;
import dev.outpost.api.KubeClusterView;
import dev.outpost.api.NodeView;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.application.AccessService;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.application.tunnel.VerifiedUser;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor.StreamHandler;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.web.rest.JsonbResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * On a root: carries users' requests into a leaf cluster through the leaf's tunnel. The leaf
 * decides and audits; the root only records that the user crossed ({@code cluster.cross}). Every
 * stream starts with the user's certificate ({@link CertificatePreamble}): the one the user
 * proved for SSH, or a one-minute one the root signs for a listing, a Kubernetes or an app request.
 */
@ApplicationScoped
public class LeafRelay {
  /** The service of a leaf's streams that carry one Kubernetes API request each. */
  static final String KUBE = "kube";
  /** The service of a leaf's streams that list the web apps a root user may open. */
  static final String APPS = "apps";
  /** The service of a leaf's streams that start a root user's app session, which the leaf decides. */
  static final String APP_SESSION = "app-session";
  /** The service of a leaf's streams that carry one request to a web app each. */
  static final String APP = "app";
  static final int MAX_LISTING_BYTES = 8 * 1024 * 1024;
  /** The service of a leaf's streams that list the Kubernetes clusters a root user may reach. */
  static final String KUBE_CLUSTERS = "kube-clusters";
  private static final Type NODE_LIST = new ArrayList<NodeView>() {}.getClass().getGenericSuperclass();
  private static final Type KUBE_LIST =
      new ArrayList<KubeClusterView>() {}.getClass().getGenericSuperclass();
  private static final Type APP_LIST = new ArrayList<AppView>() {}.getClass().getGenericSuperclass();

  @Inject LeafTunnels leaves;
  @Inject TrustedClusterService clusters;
  @Inject AccessService access;

  /** Whether {@code name} is a leaf of this cluster, online or not. */
  public boolean isLeaf(String name) {
    return clusters.isLeaf(name);
  }

  /**
   * An SSH connection of {@code user} to {@code login@node.leaf}: decided by the leaf, so only
   * that the leaf is up is checked here. Runs on the tunnel's reader: no waiting here.
   */
  public StreamHandler ssh(VerifiedUser user, String leaf, String node, String login,
      String remoteAddress) throws StreamRefusedException {
    Tunnel tunnel = online(user.identity(), leaf, node, login, remoteAddress);
    return client -> {
      try {
        TunnelStream server = open(tunnel, node, login, user.certificate(), remoteAddress);
        Splice.start(Splice.Side.of(client), Splice.Side.of(server)).join();
      } catch (IOException e) {
        client.reset("cluster " + leaf + " refused the connection: " + e.getMessage());
      } catch (CompletionException e) {
        // the splice reset both streams with the reason, e.g. the leaf refused or went away
      }
    };
  }

  /**
   * A stream to {@code login@node} in {@code leaf} for a browser terminal of this proxy, whose
   * one-minute {@code certificate} the leaf decides on.
   *
   * @throws IOException when the leaf is unknown, offline or refuses
   */
  public TunnelStream openSsh(UserIdentity user, String leaf, String node, String login,
      String certificate, String remoteAddress) throws IOException {
    try {
      return open(online(user, leaf, node, login, remoteAddress), node, login, certificate,
          remoteAddress);
    } catch (StreamRefusedException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static TunnelStream open(Tunnel tunnel, String node, String login, String certificate,
      String remoteAddress) throws IOException {
    TunnelStream server = tunnel.open("ssh?node=" + encode(node) + "&login=" + encode(login)
        + "&client=" + encode(String.valueOf(remoteAddress)));
    CertificatePreamble.write(server, certificate);
    return server;
  }

  /** The host CA keys of {@code leaf} trusted now, which sign its nodes' host certificates. */
  public List<PublicKey> hostCaKeys(String leaf) {
    return TrustedCaKeys.trustedAt(clusters.leaves().stream()
        .filter(found -> found.name().equals(leaf)).findFirst()
        .orElseThrow(() -> OutpostException.notFound("unknown cluster '" + leaf + "'"))
        .cas().hostCaKeys(), Instant.now()).stream().map(SshKeys::parsePublicKey).toList();
  }

  /**
   * The nodes of {@code leaf} that {@code user} may reach there, as the leaf lists them.
   *
   * @throws OutpostException UNAVAILABLE when the leaf is offline, FORBIDDEN when it refuses
   */
  public List<NodeView> nodes(UserIdentity user, String leaf) {
    return list(user, leaf, "nodes", NODE_LIST);
  }

  /**
   * The Kubernetes clusters of {@code leaf} that {@code user} may reach there, as the leaf lists
   * them (with the leaf's impersonation).
   *
   * @throws OutpostException UNAVAILABLE when the leaf is offline, FORBIDDEN when it refuses
   */
  public List<KubeClusterView> kubeClusters(UserIdentity user, String leaf) {
    return list(user, leaf, KUBE_CLUSTERS, KUBE_LIST);
  }

  /**
   * The web apps of {@code leaf} that {@code user} may open there, as the leaf lists them (without
   * URLs: they are this cluster's to give).
   *
   * @throws OutpostException UNAVAILABLE when the leaf is offline, FORBIDDEN when it refuses
   */
  public List<AppView> apps(UserIdentity user, String leaf) {
    return list(user, leaf, APPS, APP_LIST);
  }

  /**
   * Starts an app session of {@code user} with {@code app} of {@code leaf} (a launch, a client
   * certificate): the leaf decides and audits {@code app.session.start}; audited here as {@code
   * cluster.cross}.
   *
   * @return the app as the leaf lists it
   * @throws OutpostException UNAVAILABLE when the leaf is offline, FORBIDDEN when it refuses
   */
  public AppView startApp(UserIdentity user, String leaf, String app, UUID session,
      String remoteAddress) {
    clusters.crossedTo(user, leaf, "app:" + app + "." + leaf, remoteAddress,
        leaves.find(leaf).isPresent() ? null : offline(leaf));
    return list(user, leaf, APP_SESSION + "?name=" + encode(app) + "&session=" + session
        + "&client=" + encode(String.valueOf(remoteAddress)), AppView.class);
  }

  /**
   * A stream for one request of {@code user} in app session {@code session} to {@code app} of
   * {@code leaf}, whose public origin here is {@code origin}: the leaf decides, forwards and
   * audits it. The crossing was audited here when the session started ({@link #startApp}), not
   * again per request: a page is many requests. The HTTP/1.1 request follows the user's
   * one-minute certificate.
   *
   * @throws OutpostException UNAVAILABLE when the leaf is offline
   */
  public TunnelStream openApp(UserIdentity user, String leaf, String app, UUID session,
      String origin, String remoteAddress) throws IOException {
    Tunnel tunnel = leaves.find(leaf).orElseThrow(() -> OutpostException.unavailable(offline(leaf)));
    return openSpeakingFor(user, tunnel, APP + "?name=" + encode(app) + "&session=" + session
        + "&origin=" + encode(origin) + "&client=" + encode(String.valueOf(remoteAddress)));
  }

  /** Asks {@code leaf} on a stream to {@code target}, answered as JSON of {@code type}. */
  private <T> T list(UserIdentity user, String leaf, String target, Type type) {
    Tunnel tunnel = leaves.find(leaf).orElseThrow(() -> OutpostException.unavailable(offline(leaf)));
    String answer;
    try (TunnelStream stream = tunnel.open(target)) {
      CertificatePreamble.write(stream, access.delegationCertificate(user));
      answer = new String(stream.input().readNBytes(MAX_LISTING_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OutpostException.unavailable("cluster " + leaf + " did not answer: " + e.getMessage());
    }
    return parse(leaf, answer, type);
  }

  /**
   * A stream for one Kubernetes API request of {@code user} to cluster {@code kubeCluster} of
   * {@code leaf}, which decides, forwards and audits it; audited here as {@code cluster.cross}.
   * The HTTP/1.1 request follows the user's one-minute certificate.
   *
   * @throws OutpostException UNAVAILABLE when the leaf is offline
   */
  public TunnelStream openKube(UserIdentity user, String leaf, String kubeCluster,
      String remoteAddress) throws IOException {
    return openCrossing(user, leaf, "kube:" + kubeCluster + "." + leaf, KUBE + "?cluster="
        + encode(kubeCluster) + "&client=" + encode(String.valueOf(remoteAddress)), remoteAddress);
  }

  /**
   * Audits the crossing to {@code destination} and opens a stream to {@code target} on the leaf's
   * tunnel, speaking for {@code user}.
   */
  private TunnelStream openCrossing(UserIdentity user, String leaf, String destination,
      String target, String remoteAddress) throws IOException {
    Optional<Tunnel> tunnel = leaves.find(leaf);
    clusters.crossedTo(user, leaf, destination, remoteAddress,
        tunnel.isPresent() ? null : offline(leaf));
    return openSpeakingFor(user, tunnel.orElseThrow(() -> OutpostException.unavailable(offline(leaf))),
        target);
  }

  /** Opens a stream to {@code target} on {@code tunnel} and writes the user's one-minute certificate on it. */
  private TunnelStream openSpeakingFor(UserIdentity user, Tunnel tunnel, String target)
      throws IOException {
    TunnelStream stream = tunnel.open(target);
    try {
      CertificatePreamble.write(stream, access.delegationCertificate(user));
    } catch (IOException | RuntimeException e) {
      stream.reset("cannot speak for " + user.user() + ": " + e.getMessage());
      throw e;
    }
    return stream;
  }

  private Tunnel online(UserIdentity user, String leaf, String node, String login,
      String remoteAddress) throws StreamRefusedException {
    if (!clusters.isLeaf(leaf)) {
      throw new StreamRefusedException("unknown cluster '" + leaf + "'");
    }
    var tunnel = leaves.find(leaf);
    clusters.crossed(user, leaf, node, login, remoteAddress,
        tunnel.isPresent() ? null : "cluster " + leaf + " is offline");
    return tunnel.orElseThrow(() -> new StreamRefusedException("cluster " + leaf + " is offline"));
  }

  private static String offline(String leaf) {
    return "cluster " + leaf + " is offline";
  }

  /** {@code 200\n[JSON…]}, or a status and the leaf's reason. */
  private static <T> T parse(String leaf, String answer, Type type) {
    int newline = answer.indexOf('\n');
    String status = newline < 0 ? answer : answer.substring(0, newline);
    String body = newline < 0 ? "" : answer.substring(newline + 1);
    if (status.equals("200")) {
      try {
        return JsonbResolver.wire().fromJson(body, type);
      } catch (JsonbException e) {
        throw OutpostException.unavailable("cluster " + leaf + " answered a malformed listing");
      }
    }
    String reason = "cluster " + leaf + ": " + body;
    throw status.equals("403") ? OutpostException.forbidden(reason)
        : OutpostException.unavailable(reason);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
