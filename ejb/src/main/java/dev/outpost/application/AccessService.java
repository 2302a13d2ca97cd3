package dev.outpost.application;

import dev.outpost.application.access.SshAccess;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one decision point for sessions to nodes, whichever way they come (CLI and OpenSSH through
 * the client tunnel, the web console's terminal): roles, locks, node state, audit.
 */
@Stateless
public class AccessService {

  @Inject
  private UserRepository users;

  @Inject
  private NodeRepository nodes;

  @Inject
  private RoleRepository roles;

  @Inject
  private LockRepository locks;

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
    access = new SshAccess(config.clusterName(), users, nodes, new RoleDirectory(roles), locks,
        auditEvents, audit::record, clock);
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

  /** The logins {@code user}'s roles allow on some node. */
  public List<String> logins(UserIdentity user) {
    return access.logins(user);
  }

  /**
   * The reason to end a live session of {@code user} on {@code node} now: a lock that covers it.
   */
  public Optional<String> lockReason(String user, String node) {
    return access.lockFor(user, node).map(Lock::reason);
  }

  /** Audits the end of a session as {@code session.end}. */
  public void sessionEnded(UUID sessionId, long bytesIn, long bytesOut) {
    access.ended(sessionId, bytesIn, bytesOut);
  }
}
