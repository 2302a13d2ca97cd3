package dev.outpost.application;

import dev.outpost.api.KubeClusterView;
import dev.outpost.api.KubeRegistration;
import dev.outpost.application.kube.KubeAccess;
import dev.outpost.application.kube.KubeSession;
import dev.outpost.application.kube.KubeRequest;
import dev.outpost.application.kube.KubeRoute;
import dev.outpost.application.recording.NodeRequestVerifier;
import dev.outpost.application.recording.ProxyRecordings;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.kube.KubeClusterRepository;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Kubernetes clusters behind agents: registration by nodes, listing and per-request decisions. */
@Stateless
public class KubeService {

  @Inject
  private UserRepository users;

  @Inject
  private NodeRepository nodes;

  @Inject
  private KubeClusterRepository kubeClusters;

  @Inject
  private RoleRepository roles;

  @Inject
  private LockRepository locks;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  @EJB
  private CertificateAuthorityService cas;

  @Inject
  private RecordingRepository recordingRows;

  @Inject
  private RecordingStore recordingStore;

  private KubeAccess access;
  private ProxyRecordings recordings;
  private NodeRequestVerifier nodeRequests;

  @PostConstruct
  void wire() {
    access = new KubeAccess(config.clusterName(), users, nodes, kubeClusters,
        new RoleDirectory(roles), locks, audit::record, clock);
    nodeRequests = new NodeRequestVerifier(() -> cas.authorities().hosts(), nodes,
        config.clusterName(), clock);
    recordings = new ProxyRecordings(recordingRows, recordingStore, config.clusterName(), clock);
  }

  /** A node's agent announces its Kubernetes cluster; the request carries the node's proof. */
  public void register(KubeRegistration registration) {
    if (registration.proof() == null || registration.name() == null) {
      throw OutpostException.badRequest("proof and name are required");
    }
    String node = nodeRequests.verify(registration.proof(),
        KubeRegistration.subject(registration.name()), registration.timestamp());
    access.register(node, registration.name());
  }

  /** See {@link KubeAccess#authorize}; the CA is the cluster's X.509 CA. */
  public KubeRoute authorize(X509Certificate[] chain, String kubeCluster, String remoteAddr) {
    return access.authorize(chain, cas.authorities().tls().certificate(), kubeCluster,
        remoteAddr);
  }

  /** See {@link KubeAccess#authorizeRemote}: a root cluster's user, on a leaf. */
  public KubeRoute authorizeRemote(UserIdentity remote, String kubeCluster, String remoteAddr) {
    return access.authorizeRemote(remote, kubeCluster, remoteAddr);
  }

  /** See {@link KubeAccess#crossing}: on a root, the user of a request for a leaf. */
  public UserIdentity crossing(X509Certificate[] chain, String destination, String remoteAddr) {
    return access.crossing(chain, cas.authorities().tls().certificate(), destination, remoteAddr);
  }

  /** Audits a forwarded request; {@code session} is the exec or attach session it began, or null. */
  public void requested(KubeRoute route, KubeRequest request, int status, String remoteAddr,
      UUID session) {
    access.requested(route, request, status, remoteAddr, session);
  }

  /** See {@link KubeAccess#refused}: a request refused at the proxy, audited with why. */
  public void refused(KubeRoute route, KubeRequest request, int status, String reason,
      String remoteAddr) {
    access.refused(route, request, status, reason, remoteAddr);
  }

  /**
   * An exec or attach the API server accepted: audits {@code session.start} and opens its
   * recording.
   *
   * @return the session and its recording
   */
  public KubeSession sessionStarted(KubeRoute route, KubeRequest request, String remoteAddr) {
    UUID session = access.sessionStarted(route, request, remoteAddr);
    UUID recording = recordings.open(route.node(), session, route.user(), route.kubeUser());
    return new KubeSession(session, recording);
  }

  /** Appends asciicast bytes to the session's recording. */
  public void recorded(KubeSession session, byte[] cast) {
    recordings.append(session.recording(), cast);
  }

  /** The exec or attach ended: its recording is complete and {@code session.end} audited. */
  public void sessionEnded(KubeRoute route, KubeRequest request, KubeSession session,
      String remoteAddr, long bytesIn, long bytesOut, String how) {
    try {
      recordings.complete(session.recording());
    } finally {
      access.sessionEnded(route, request, session.id(), remoteAddr, bytesIn, bytesOut, how);
    }
  }

  public List<KubeClusterView> listFor(UserIdentity user) {
    return access.listFor(user);
  }
}
