package dev.outpost.application;

import dev.outpost.api.AuditEventView;
import dev.outpost.api.ClusterCas;
import dev.outpost.api.ClusterJoinRequest;
import dev.outpost.api.ClusterJoinResponse;
import dev.outpost.api.ClusterTrustRequest;
import dev.outpost.application.clusters.ClusterCaExchange;
import dev.outpost.application.clusters.ClusterRemoval;
import dev.outpost.application.clusters.ForwardedEvents;
import dev.outpost.application.clusters.LeafJoining;
import dev.outpost.application.clusters.RootTrusts;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.token.JoinTokenRepository;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Trusted clusters: leaves joining this root, the roots this leaf joined, removing either. */
@Stateless
public class TrustedClusterService {

  @Inject
  private TrustedClusterRepository clusters;

  @Inject
  private JoinTokenRepository tokens;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private AuditLog audit;

  private LeafJoining leafJoining;
  private RootTrusts rootTrusts;
  private ClusterRemoval removal;
  private ClusterCaExchange caExchange;

  @PostConstruct
  void wire() {
    leafJoining = new LeafJoining(tokens, clusters, cas.authorities(), audit::record, clock);
    rootTrusts = new RootTrusts(clusters, cas.authorities(), cas.vault(), audit::record, clock,
        random);
    removal = new ClusterRemoval(clusters, audit::record);
    caExchange = new ClusterCaExchange(clusters, cas.authorities(),
        root -> rootTrusts.tunnelKey(root).getPublic(), clock);
  }

  /** On a leaf: the CA keys and tunnel certificate to tell root {@code root}. */
  public ClusterCas casForRoot(String root) {
    return caExchange.toRoot(root);
  }

  /** On a root: keeps the CA keys leaf {@code leaf} told over its tunnel; answers its own. */
  public ClusterCas casFromLeaf(String leaf, ClusterCas told) {
    return caExchange.fromLeaf(leaf, told);
  }

  /** On a leaf: keeps the CA keys root {@code root} told over the tunnel to it. */
  public void casFromRoot(String root, ClusterCas told) {
    caExchange.fromRoot(root, told);
  }

  /** On a root: a leaf trades its token for a tunnel certificate. */
  public ClusterJoinResponse joinLeaf(ClusterJoinRequest request, String remoteAddr) {
    return leafJoining.join(request, remoteAddr);
  }

  public List<LeafCluster> leaves() {
    return clusters.leaves();
  }

  public List<RootCluster> roots() {
    return clusters.roots();
  }

  /** On a leaf: what to send the root, before the call. */
  public RootTrusts.JoinOffer offerToRoot(UserIdentity admin, ClusterTrustRequest request) {
    return rootTrusts.offer(admin, request);
  }

  /** On a leaf: keeps the trust once the root answered. */
  public RootCluster trustRoot(UserIdentity admin, ClusterTrustRequest request,
      RootTrusts.JoinOffer offer, ClusterJoinResponse answer) {
    return rootTrusts.trust(admin, request, offer, answer);
  }

  public Optional<RootCluster> root(String name) {
    return clusters.findRoot(name);
  }

  public KeyPair tunnelKey(RootCluster root) {
    return rootTrusts.tunnelKey(root);
  }

  /** On a leaf: a root user, as this cluster sees it (see {@link RootTrusts#remoteUser}). */
  public UserIdentity remoteUser(String root, String certificate) {
    return rootTrusts.remoteUser(root, certificate);
  }

  /** @return {@code leaf} or {@code root} */
  public String remove(UserIdentity admin, String name) {
    return removal.remove(admin, name);
  }

  /** On a root: whether {@code name} is a leaf that joined it. */
  public boolean isLeaf(String name) {
    return clusters.findLeaf(name).isPresent();
  }

  /**
   * On a root: audits as {@code cluster.cross} that {@code user} went on into {@code leaf} (for
   * {@code login@node}); {@code failure} says why not, or is null.
   */
  public void crossed(UserIdentity user, String leaf, String node, String login,
      String remoteAddr, String failure) {
    AuditRecord record = AuditRecord.success(AuditEventType.CLUSTER_CROSS)
        .actor(user.user()).target(leaf).node(node + "." + leaf).login(login)
        .remoteAddr(remoteAddr);
    audit.record(failure == null ? record : record.failed(failure));
  }

  /**
   * On a root: audits as {@code cluster.cross} that {@code user} sent a request to {@code
   * destination} in {@code leaf} ({@code kube:KUBE.LEAF}, {@code app:APP.LEAF}), which the leaf
   * decides and audits; {@code failure} says why it did not go on, or is null.
   */
  public void crossedTo(UserIdentity user, String leaf, String destination, String remoteAddr,
      String failure) {
    AuditRecord record = AuditRecord.success(AuditEventType.CLUSTER_CROSS)
        .actor(user.user()).target(leaf).remoteAddr(remoteAddr).message(destination);
    audit.record(failure == null ? record : record.failed(failure));
  }

  /** On a root: leaf {@code leaf} tried to open a stream towards this cluster; refused. */
  public void leafStreamRefused(String leaf, String target) {
    audit.record(AuditRecord.failure(AuditEventType.ACCESS_DENIED,
            "a leaf cluster may not open streams towards its root (stream " + target + ")")
        .actor(leaf).target(leaf));
  }

  /**
   * On a root: keeps, once, an audit event leaf {@code leaf} forwarded, filed under its name.
   *
   * @throws dev.outpost.domain.shared.OutpostException BAD_REQUEST for a malformed event
   */
  public void forwarded(String leaf, AuditEventView event) {
    audit.recordOnce(event.id(), ForwardedEvents.record(event), event.time(), leaf);
  }

  /** On a root: where the events forwarded by {@code leaf} end, to ask for the rest. */
  public Instant forwardedUntil(String leaf) {
    return audit.latest(leaf).orElse(Instant.EPOCH);
  }

  /** On a leaf: this cluster's events from {@code since} on, oldest first, one page. */
  public List<AuditEventView> eventsSince(Instant since) {
    return audit.list(AuditQuery.since(since)).stream().map(AuditLog::view).toList();
  }

  /** On a root: the leaf's tunnel closed just now. */
  public void leafSeen(String name) {
    clusters.findLeaf(name).ifPresent(leaf -> leaf.seen(clock.instant()));
  }
}
