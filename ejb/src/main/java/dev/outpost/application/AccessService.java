package dev.outpost.application;

import dev.outpost.application.access.SshAccess;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/** Authorization of SSH sessions through the proxy. */
@Stateless
public class AccessService {

  @Inject
  private UserRepository users;

  @Inject
  private NodeRepository nodes;

  @Inject
  private AuditRepository auditEvents;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  private SshAccess access;

  @PostConstruct
  void wire() {
    access = new SshAccess(config.clusterName(), users, nodes, auditEvents, audit::record, clock);
  }

  /**
   * Whether {@code user} may log in as {@code login} on {@code node} ({@code NODE} or
   * {@code NODE.CLUSTER}); audited as {@code session.start}.
   *
   * @return the new session's id
   * @throws dev.outpost.domain.shared.OutpostException FORBIDDEN, NOT_FOUND or UNAVAILABLE
   */
  public UUID authorizeSsh(UserIdentity user, String login, String node, String remoteAddr) {
    return access.authorize(user, login, node, remoteAddr);
  }

  /** Audits the end of a session as {@code session.end}. */
  public void sessionEnded(UUID sessionId, long bytesIn, long bytesOut) {
    access.ended(sessionId, bytesIn, bytesOut, null);
  }

  /**
   * Audits the end of a session as {@code session.end}, saying why it ended when it did not end
   * normally (e.g. the node's link was lost for longer than the resume grace).
   */
  public void sessionEnded(UUID sessionId, long bytesIn, long bytesOut, String reason) {
    access.ended(sessionId, bytesIn, bytesOut, reason);
  }
}
