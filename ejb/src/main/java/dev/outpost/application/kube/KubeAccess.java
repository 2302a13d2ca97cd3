package dev.outpost.application.kube;

import dev.outpost.api.KubeClusterView;
import dev.outpost.application.access.CertificateUsers;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.kube.KubeCluster;
import dev.outpost.domain.kube.KubeClusterRepository;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.KubernetesGrant;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides about Kubernetes requests. The user's current roles and locks are read at each request,
 * as for SSH sessions, so a role change or a lock applies to the next request. Refusals by a rule
 * are audited as {@code access.denied}; every forwarded request as one {@code kube.request}.
 */
public final class KubeAccess {

  private final String cluster;
  private final UserRepository users;
  private final NodeRepository nodes;
  private final KubeClusterRepository kubeClusters;
  private final RoleDirectory roles;
  private final LockRepository locks;
  private final AuditRecorder audit;
  private final Clock clock;

  public KubeAccess(String cluster, UserRepository users, NodeRepository nodes,
      KubeClusterRepository kubeClusters, RoleDirectory roles, LockRepository locks,
      AuditRecorder audit, Clock clock) {
    this.cluster = cluster;
    this.users = users;
    this.nodes = nodes;
    this.kubeClusters = kubeClusters;
    this.roles = roles;
    this.locks = locks;
    this.audit = audit;
    this.clock = clock;
  }

  /** {@code node} announces that its agent reaches Kubernetes cluster {@code name}. */
  public void register(String node, String name) {
    KubeCluster.checkName(name);
    Optional<KubeCluster> known = kubeClusters.find(cluster, name);
    if (known.isPresent()) {
      known.get().reregister(node, clock.instant());
    } else {
      kubeClusters.add(new KubeCluster(cluster, name, node, clock.instant()));
      audit.record(AuditRecord.success(AuditEventType.KUBE_REGISTER).actor(node).node(node)
          .target("kube:" + name));
    }
  }

  /**
   * Authenticates the client certificate and decides whether its user may reach {@code
   * kubeCluster}.
   *
   * @throws OutpostException UNAUTHENTICATED, FORBIDDEN, NOT_FOUND or UNAVAILABLE; rule refusals
   *     audited
   */
  public KubeRoute authorize(X509Certificate[] chain, X509Certificate ca, String kubeCluster,
      String remoteAddr) {
    User user = authenticated(chain, ca);
    return decide(user.name(), roles.resolve(user), kubeCluster, remoteAddr);
  }

  /**
   * On a leaf: decides whether a root cluster's user, whose roles this cluster's role map gave
   * ({@code TrustedClusterService.remoteUser}), may reach {@code kubeCluster}; as for local users.
   *
   * @throws OutpostException FORBIDDEN or UNAVAILABLE; rule refusals audited
   */
  public KubeRoute authorizeRemote(UserIdentity remote, String kubeCluster, String remoteAddr) {
    return decide(remote.user(), roles.resolve(remote), kubeCluster, remoteAddr);
  }

  /**
   * On a root: the user a client certificate names, for a request the leaf will decide about
   * ({@code destination}, e.g. {@code kube:edge-k8s.leaf}); a lock of this cluster still applies.
   *
   * @throws OutpostException UNAUTHENTICATED, or FORBIDDEN for a lock (audited)
   */
  public UserIdentity crossing(X509Certificate[] chain, X509Certificate ca, String destination,
      String remoteAddr) {
    User user = authenticated(chain, ca);
    Optional<Lock> lock = locks.covering(user.name(), destination, clock.instant());
    if (lock.isPresent()) {
      audit.record(AuditRecord.failure(AuditEventType.ACCESS_DENIED, lock.get().reason())
          .actor(user.name()).target(destination).remoteAddr(remoteAddr));
      throw OutpostException.forbidden("access denied: " + lock.get().reason());
    }
    return user.identity(chain[0].getNotAfter().toInstant());
  }

  private User authenticated(X509Certificate[] chain, X509Certificate ca) {
    if (chain == null || chain.length == 0) {
      throw OutpostException.unauthenticated("no client certificate: run 'outpost kube login'"
          + " and use the kubeconfig context it writes");
    }
    return new CertificateUsers(users).user(chain, ca, cluster, clock.instant());
  }

  private KubeRoute decide(String userName, RoleSet roleSet, String kubeCluster,
      String remoteAddr) {
    AuditRecord denied = AuditRecord.failure(AuditEventType.ACCESS_DENIED, "")
        .actor(userName).target("kube:" + kubeCluster).remoteAddr(remoteAddr);
    Optional<KubeCluster> registered = kubeClusters.find(cluster, kubeCluster);
    Optional<Node> node = registered.flatMap(found -> nodes.find(cluster, found.nodeName()));
    KubernetesGrant grant = node
        .map(found -> roleSet.kubernetes(kubeCluster, found.labels(), userName))
        .orElse(null);
    if (grant == null || !grant.decision().allowed()) {
      // Unknown and forbidden clusters answer alike, so that names cannot be probed.
      String reason = grant == null ? "Kubernetes cluster " + kubeCluster + " is not registered"
          : grant.decision().reason();
      audit.record(denied.failed(reason));
      throw OutpostException.forbidden("access to Kubernetes cluster " + kubeCluster
          + " denied: " + (grant == null ? "no role of the user allows it" : reason));
    }
    Optional<Lock> lock = locks.covering(userName, node.get().name(), clock.instant());
    if (lock.isPresent()) {
      audit.record(denied.node(node.get().name()).failed(lock.get().reason()));
      throw OutpostException.forbidden("access denied: " + lock.get().reason());
    }
    if (!node.get().isOnline()) {
      throw OutpostException.unavailable("Kubernetes cluster " + kubeCluster + " is offline: node "
          + node.get().name() + " is not connected");
    }
    return new KubeRoute(userName, kubeCluster, node.get().name(), grant.user(), grant.groups(),
        roleSet.recordsBestEffort());
  }

  /** Audits one forwarded request as {@code kube.request}. */
  public void requested(KubeRoute route, KubeRequest request, int status, String remoteAddr,
      UUID session) {
    AuditRecord record = requestEvent(route, remoteAddr).sessionId(session)
        .message(request.describe() + " status=" + status);
    audit.record(status >= 400 ? record.failed(record.message()) : record);
  }

  /**
   * Audits a request the proxy refused itself, before forwarding it, as a failed {@code
   * kube.request} that says why, e.g. {@code create pods/exec web-0 namespace=default
   * command=[sh] status=403 refused: kubectl exec over SPDY/3.1 cannot be recorded, …}.
   */
  public void refused(KubeRoute route, KubeRequest request, int status, String reason,
      String remoteAddr) {
    audit.record(requestEvent(route, remoteAddr)
        .failed(request.describe() + " status=" + status + " refused: " + reason));
  }

  private static AuditRecord requestEvent(KubeRoute route, String remoteAddr) {
    return AuditRecord.success(AuditEventType.KUBE_REQUEST).actor(route.user())
        .target("kube:" + route.kubeCluster()).node(route.node()).login(route.kubeUser())
        .remoteAddr(remoteAddr);
  }

  /**
   * A {@code kubectl exec} or {@code attach} the API server accepted begins a session, audited as
   * {@code session.start} like an SSH session's: who, which cluster and node, impersonating whom,
   * which pod and container, and an exec's command.
   *
   * @return the session's id
   */
  public UUID sessionStarted(KubeRoute route, KubeRequest request, String remoteAddr) {
    UUID session = UUID.randomUUID();
    audit.record(sessionEvent(AuditEventType.SESSION_START, route, request, session, remoteAddr)
        .message(sessionNote(request)));
    return session;
  }

  /**
   * The exec or attach session ended, audited as {@code session.end} with what passed each way
   * and how it ended (the container's exit status as the API server reported it, the recording's end).
   */
  public void sessionEnded(KubeRoute route, KubeRequest request, UUID session, String remoteAddr,
      long bytesIn, long bytesOut, String how) {
    audit.record(sessionEvent(AuditEventType.SESSION_END, route, request, session, remoteAddr)
        .message(sessionNote(request) + ", bytes in " + bytesIn + ", out " + bytesOut
            + (how.isEmpty() ? "" : "; " + how)));
  }

  private static AuditRecord sessionEvent(AuditEventType type, KubeRoute route, KubeRequest request,
      UUID session, String remoteAddr) {
    return AuditRecord.success(type).actor(route.user()).target("kube:" + route.kubeCluster())
        .node(route.node()).login(route.kubeUser()).sessionId(session).remoteAddr(remoteAddr);
  }

  /**
   * E.g. {@code origin=kube exec default/web-0 container=app command=[sh]} or {@code origin=kube
   * attach default/web-0 container=app}.
   */
  private static String sessionNote(KubeRequest session) {
    return "origin=kube " + session.interaction() + " " + session.namespace() + "/" + session.name()
        + (session.container().isEmpty() ? "" : " container=" + session.container())
        + (session.resource().equals("pods/exec") ? " command=" + session.command() : "");
  }

  /** The Kubernetes clusters {@code identity}'s roles reach, with whom they impersonate there. */
  public List<KubeClusterView> listFor(UserIdentity identity) {
    RoleSet roleSet = roles.resolve(identity);
    return kubeClusters.list(cluster).stream()
        .flatMap(kube -> nodes.find(cluster, kube.nodeName()).stream()
            .map(node -> view(kube, node,
                roleSet.kubernetes(kube.name(), node.labels(), identity.user()))))
        .flatMap(Optional::stream)
        .toList();
  }

  private static Optional<KubeClusterView> view(KubeCluster kube, Node node, KubernetesGrant grant) {
    if (!grant.decision().allowed()) {
      return Optional.empty();
    }
    return Optional.of(new KubeClusterView(kube.name(), node.name(), Map.copyOf(node.labels()),
        node.isOnline(), grant.user(), grant.groups()));
  }
}
