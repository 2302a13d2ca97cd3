package dev.outpost.web.clusters;

import dev.outpost.api.CertificateProof;
import dev.outpost.application.AccessService;
import dev.outpost.application.KubeService;
import dev.outpost.application.NodeService;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.web.apps.RootAppRequests;
import dev.outpost.web.kube.RootKubeRequests;
import dev.outpost.web.rest.JsonbResolver;
import dev.outpost.web.ws.SshRelay;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * On a leaf: the streams its root opens through the leaf's tunnel. Each starts with the root
 * user's certificate; the leaf checks it against the root's user CA, maps its roles and decides
 * like for its own users, audited here. {@code ssh?node=…&login=…&client=…} is relayed to the
 * node, {@code nodes} and {@code kube-clusters} answer the nodes and Kubernetes clusters the mapped
 * roles may see, {@code kube?cluster=…&client=…} carries one Kubernetes API request ({@link
 * RootKubeRequests}); {@code apps} lists the web apps, {@code app-session?name=…&session=…} starts
 * an app session and {@code app?name=…&session=…&origin=…} carries one request to an app ({@link
 * RootAppRequests}); {@code audit?from=…} follows this cluster's audit log when its admin turned
 * forwarding on; {@code cas} trades CA keys ({@link CaExchangeStream}).
 */
final class RootStreams implements StreamAcceptor {
  private static final Logger LOG = Logger.getLogger(RootStreams.class.getName());
  private final String root;
  private final TrustedClusterService clusters;
  private final AccessService access;
  private final NodeService nodes;
  private final SshRelay relay;
  private final KubeService kube;
  private final RootKubeRequests kubeRequests;
  private final RootAppRequests appRequests;

  RootStreams(String root, TrustedClusterService clusters, AccessService access, NodeService nodes,
      SshRelay relay, KubeService kube, RootKubeRequests kubeRequests,
      RootAppRequests appRequests) {
    this.root = root;
    this.clusters = clusters;
    this.access = access;
    this.nodes = nodes;
    this.relay = relay;
    this.kube = kube;
    this.kubeRequests = kubeRequests;
    this.appRequests = appRequests;
  }

  @Override
  public StreamHandler accept(String target) throws StreamRefusedException {
    StreamTarget parsed = StreamTarget.parse(target);
    StreamHandler handler = switch (parsed.service()) {
      case "ssh" -> stream -> ssh(stream, parsed);
      case "nodes" -> stream -> listing(stream, nodes::listFor);
      case LeafRelay.KUBE_CLUSTERS -> stream -> listing(stream, kube::listFor);
      case LeafRelay.KUBE -> stream -> kube(stream, parsed);
      case LeafRelay.APPS -> stream -> listing(stream, appRequests::visibleTo);
      case LeafRelay.APP_SESSION -> {
        UUID session = session(parsed);
        yield stream -> listing(stream, remote -> appRequests.startSession(remote,
            parsed.field("name"), session, parsed.field("client")));
      }
      case LeafRelay.APP -> {
        UUID session = session(parsed);
        yield stream -> {
          String certificate = CertificatePreamble.read(stream);
          appRequests.serve(stream, parsed.field("name"), session, parsed.field("origin"),
              parsed.field("client"), () -> clusters.remoteUser(root, certificate));
        };
      }
      case "audit" -> auditFeed(parsed);
      case CaExchangeStream.SERVICE -> stream -> CaExchangeStream.answer(root, stream, clusters);
      default -> throw new StreamRefusedException("a leaf serves its root only ssh, nodes,"
          + " kube-clusters, kube, apps, app-session, app, audit and cas streams, not '"
          + parsed.service() + "'");
    };
    return logged(parsed.service(), handler);
  }

  /** A handler whose unforeseen failure is logged with its cause here, not only told the root. */
  private static StreamHandler logged(String service, StreamHandler handler) {
    return stream -> {
      try {
        handler.serve(stream);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a " + service + " stream of the root failed", e);
        throw e;
      }
    };
  }

  private static UUID session(StreamTarget target) throws StreamRefusedException {
    try {
      return UUID.fromString(target.field("session"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StreamRefusedException(target.service() + ": 'session' must be a UUID");
    }
  }

  /** The audit follower, if this leaf's admin turned forwarding to the root on. */
  private StreamHandler auditFeed(StreamTarget target) throws StreamRefusedException {
    if (!clusters.root(root).map(RootCluster::forwardsAudit).orElse(false)) {
      throw new StreamRefusedException("this leaf does not forward its audit events to " + root);
    }
    Instant from;
    try {
      from = Instant.parse(target.field("from"));
    } catch (DateTimeParseException e) {
      throw new StreamRefusedException("audit: 'from' must be an ISO-8601 instant");
    }
    return stream -> new AuditFollower(clusters).follow(stream, from);
  }

  private void ssh(TunnelStream stream, StreamTarget target) {
    String node = target.field("node");
    String login = target.field("login");
    String certificate;
    UserIdentity remote;
    UUID session;
    try {
      certificate = CertificatePreamble.read(stream);
      remote = clusters.remoteUser(root, certificate);
      session = access.authorizeRemoteSsh(remote, login, node, target.field("client"));
    } catch (IOException e) {
      stream.reset(e.getMessage());
      return;
    } catch (OutpostException e) {
      stream.reset(e.getMessage());
      return;
    }
    Map<String, String> trust;
    try {
      trust = Map.of(
          "ca", signer(certificate, clusters.root(root).orElseThrow()),
          "cluster", root,
          "grants", access.permissions(remote).grants());
    } catch (RuntimeException e) {
      // e.g. the trust was removed a moment ago: the session started, so it ends with the reason
      access.sessionEnded(session, 0, 0, "cannot vouch for the root's user: " + e.getMessage());
      stream.reset("cannot vouch for the root's user: " + e.getMessage());
      return;
    }
    relay.relayRemote(stream, node, login, remote.user(), session, trust);
  }

  /**
   * The fingerprint of the root's CA key that signed {@code certificate}, which {@link
   * TrustedClusterService#remoteUser} accepted: during a rotation's grace the root has two.
   */
  private static String signer(String certificate, RootCluster trusted) {
    try {
      OpenSshCertificate parsed = (OpenSshCertificate) CertificateProof.parseCertificate(certificate);
      return SshKeys.fingerprint(parsed.getCaPubKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("root " + trusted.name() + "'s certificate unreadable", e);
    }
  }

  /**
   * One Kubernetes API request: decided, forwarded and audited like a local user's, for the
   * root user the certificate names with the roles the role map gives.
   */
  private void kube(TunnelStream stream, StreamTarget target) throws IOException {
    String certificate = CertificatePreamble.read(stream);
    kubeRequests.serve(stream, target.field("cluster"), target.field("client"),
        () -> clusters.remoteUser(root, certificate));
  }

  /** Answers {@code 200\n} and what {@code list} gives the root user as JSON, or a refusal. */
  private void listing(TunnelStream stream, Function<UserIdentity, Object> list) {
    String answer;
    try {
      UserIdentity remote = clusters.remoteUser(root, CertificatePreamble.read(stream));
      answer = "200\n" + JsonbResolver.wire().toJson(list.apply(remote));
    } catch (IOException e) {
      answer = "400\n" + e.getMessage();
    } catch (OutpostException e) {
      answer = (e.kind() == OutpostException.Kind.FORBIDDEN ? "403\n" : "503\n") + e.getMessage();
    }
    try (OutputStream out = stream.output()) {
      out.write(answer.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      stream.reset("cannot answer: " + e.getMessage());
    }
  }
}
