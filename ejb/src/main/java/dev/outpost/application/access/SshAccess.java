package dev.outpost.application.access;

import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.application.audit.DatabaseRefusal;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.AccessDecision;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides about SSH sessions and audits their start and end. The user's current roles and locks
 * are read at each decision, so that a change applies to the next session at once. A refusal by
 * a rule (role or lock) is audited as {@code access.denied} with the rule that refused; one the
 * proxy cannot decide (its database is away) is refused and audited as a failed {@code
 * session.start}. The end of a session is audited whether or not its start can be read back.
 */
public final class SshAccess {
  static final String UNDECIDED = "the proxy cannot read roles and locks now";

  private final String cluster;
  private final UserRepository users;
  private final NodeRepository nodes;
  private final RoleDirectory roles;
  private final LockRepository locks;
  private final AuditRepository auditEvents;
  private final AuditRecorder audit;
  private final Clock clock;

  public SshAccess(String cluster, UserRepository users, NodeRepository nodes, RoleDirectory roles,
      LockRepository locks, AuditRepository auditEvents, AuditRecorder audit, Clock clock) {
    this.cluster = cluster;
    this.users = users;
    this.nodes = nodes;
    this.roles = roles;
    this.locks = locks;
    this.auditEvents = auditEvents;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Decides whether {@code identity} may log in as {@code login} on {@code target} ({@code node}
   * or {@code node.cluster}).
   *
   * @return the new session's id
   * @throws OutpostException FORBIDDEN, NOT_FOUND or UNAVAILABLE, audited
   */
  public UUID authorize(UserIdentity identity, String login, String target, String remoteAddr) {
    return authorize(identity, login, target, remoteAddr, SessionOrigin.TUNNEL);
  }

  /** As {@link #authorize(UserIdentity, String, String, String)}, for a session from {@code origin}. */
  public UUID authorize(UserIdentity identity, String login, String target, String remoteAddr,
      SessionOrigin origin) {
    return authorize(identity.user(), login, target, remoteAddr, origin, currentRoles(identity));
  }

  /** The roles of the user's account now; FORBIDDEN when it is gone or locked. */
  private Supplier<RoleSet> currentRoles(UserIdentity identity) {
    return () -> {
      User user = users.findByName(identity.user())
          .filter(found -> !found.isLockedAt(clock.instant()))
          .orElseThrow(() -> OutpostException.forbidden(
              "user " + identity.user() + " no longer exists or is locked"));
      return roles.resolve(user);
    };
  }

  /**
   * As {@link #authorize(UserIdentity, String, String, String)}, for a user of a root cluster
   * ({@code NAME@ROOT}) whose roles are the ones this cluster's role map gave the root roles of
   * the certificate: there is no local account to read again, the certificate is the account.
   */
  public UUID authorizeRemote(UserIdentity remote, String login, String target,
      String remoteAddr) {
    return authorize(remote.user(), login, target, remoteAddr, SessionOrigin.TRUSTED_CLUSTER,
        () -> roles.resolve(remote));
  }

  private UUID authorize(String userName, String login, String target, String remoteAddr,
      SessionOrigin origin, Supplier<RoleSet> currentRoles) {
    UUID session = UUID.randomUUID();
    AuditRecord attempt = AuditRecord.success(AuditEventType.SESSION_START)
        .actor(userName).login(login).node(target).sessionId(session)
        .remoteAddr(remoteAddr).message(origin.auditNote());
    Node node;
    AccessDecision decision;
    try {
      String nodeName = localName(target);
      RoleSet roleSet = currentRoles.get();
      node = nodes.find(cluster, nodeName)
          .orElseThrow(() -> OutpostException.notFound("node " + nodeName + " is not registered"));
      decision = decide(userName, roleSet, login, node);
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    } catch (RuntimeException e) {
      // Roles, locks or node unreadable (the database is away): refused, and audited as such.
      audit.record(attempt.failed(UNDECIDED + " (" + DatabaseRefusal.rootCause(e) + ")"));
      throw OutpostException.unavailable(UNDECIDED + ": try again later");
    }
    if (!decision.allowed()) {
      audit.record(AuditRecord.failure(AuditEventType.ACCESS_DENIED, decision.reason())
          .actor(userName).login(login).node(node.name()).sessionId(session)
          .remoteAddr(remoteAddr));
      throw OutpostException.forbidden("access denied: " + decision.reason());
    }
    if (!node.isOnline()) {
      String offline = "node " + node.name() + " is offline";
      audit.record(attempt.node(node.name()).failed(offline));
      throw OutpostException.unavailable(offline);
    }
    audit.record(attempt.node(node.name()));
    return session;
  }

  /**
   * Whether {@code identity} may carry session {@code sessionId} on through this proxy, its client
   * having reconnected after the proxy that started it went away: the session must be the user's
   * own (as its {@code session.start} says), and the user must still be allowed its login on its
   * node. A refusal is audited as {@code access.denied}; a resume audits nothing else, the session
   * goes on to its one {@code session.end}.
   *
   * @return the session's login and node
   * @throws OutpostException FORBIDDEN, audited
   */
  public ResumedSession authorizeResume(UserIdentity identity, UUID sessionId,
      String remoteAddr) {
    AuditRecord start = start(sessionId);
    if (start.actor() == null) {
      throw resumeRefused(identity.user(), start, remoteAddr, "no session " + sessionId + " started");
    }
    if (!start.actor().equals(identity.user())) {
      throw resumeRefused(identity.user(), start, remoteAddr,
          "session " + sessionId + " belongs to another user");
    }
    AccessDecision decision;
    try {
      Node node = nodes.find(cluster, start.node())
          .orElseThrow(() -> OutpostException.notFound("node " + start.node() + " is not registered"));
      decision = decide(identity.user(), currentRoles(identity).get(), start.login(), node);
    } catch (OutpostException e) {
      throw resumeRefused(identity.user(), start, remoteAddr, e.getMessage());
    }
    if (!decision.allowed()) {
      throw resumeRefused(identity.user(), start, remoteAddr, decision.reason());
    }
    return new ResumedSession(start.login(), start.node());
  }

  /**
   * Audits as {@code access.denied} that {@code user}'s resume of {@code sessionId} was refused
   * where the stream waits, in the node's words (another user's or session's stream, or offsets
   * that do not add up).
   */
  public void resumeRefused(String user, UUID sessionId, String remoteAddr, String reason) {
    audit.record(denial(user, start(sessionId), remoteAddr, reason));
  }

  private OutpostException resumeRefused(String user, AuditRecord start, String remoteAddr,
      String reason) {
    String refusal = "resume refused: " + reason;
    audit.record(denial(user, start, remoteAddr, refusal));
    return OutpostException.forbidden(refusal);
  }

  private static AuditRecord denial(String user, AuditRecord start, String remoteAddr,
      String reason) {
    return AuditRecord.failure(AuditEventType.ACCESS_DENIED, reason)
        .actor(user).login(start.login()).node(start.node()).sessionId(start.sessionId())
        .remoteAddr(remoteAddr);
  }

  /** The logins {@code identity}'s roles allow on some node: what {@code outpost status} shows. */
  public List<String> logins(UserIdentity identity) {
    return roles.resolve(identity).logins();
  }

  /** What a user certificate of {@code identity} carries besides its principals. */
  public UserCertificatePermissions certificatePermissions(UserIdentity identity) {
    return roles.resolve(identity).certificatePermissions(cluster);
  }

  /** The lock that covers a session of {@code user} to {@code node} now, if any. */
  public Optional<Lock> lockFor(String user, String node) {
    return locks.covering(user, node, clock.instant());
  }

  /**
   * Audits the end of a session, with the fields of its start.
   *
   * @param reason why the session ended abnormally, or null when it simply finished
   */
  public void ended(UUID sessionId, long bytesIn, long bytesOut, String reason) {
    AuditRecord start = start(sessionId);
    audit.record(sameSession(AuditEventType.SESSION_END, start)
        .message(withOrigin(start, "bytes in " + bytesIn + ", out " + bytesOut
            + (reason == null ? "" : "; " + reason))));
  }

  /** Audits that {@code byUser} closed a running session, before it ends. */
  public void terminated(UUID sessionId, String byUser) {
    AuditRecord start = start(sessionId);
    audit.record(sameSession(AuditEventType.SESSION_TERMINATE, start).actor(byUser)
        .message(withOrigin(start, "closed by " + byUser)));
  }

  /**
   * The session's start as audited, for the fields of its later events; only its id when the
   * start cannot be read (still in the journal, or the database away).
   */
  private AuditRecord start(UUID sessionId) {
    Optional<AuditEvent> start;
    try {
      start = auditEvents.sessionStart(sessionId);
    } catch (RuntimeException databaseAway) {
      start = Optional.empty();
    }
    return start.map(AuditEvent::record)
        .orElseGet(() -> AuditRecord.success(AuditEventType.SESSION_START).sessionId(sessionId));
  }

  private static AuditRecord sameSession(AuditEventType type, AuditRecord start) {
    return AuditRecord.success(type)
        .actor(start.actor()).node(start.node()).login(start.login()).sessionId(start.sessionId())
        .remoteAddr(start.remoteAddr());
  }

  /** Later events of a session say where it came from, as its start did. */
  private static String withOrigin(AuditRecord start, String details) {
    return start.message() == null ? details : start.message() + ", " + details;
  }

  private AccessDecision decide(String userName, RoleSet roleSet, String login, Node node) {
    Optional<Lock> lock = lockFor(userName, node.name());
    if (lock.isPresent()) {
      return AccessDecision.denied(lock.get().reason());
    }
    if (login == null) {
      return AccessDecision.denied("no login given");
    }
    return roleSet.ssh(login, node.name(), node.labels());
  }

  private String localName(String target) {
    if (target == null) {
      throw OutpostException.notFound("no node given");
    }
    String suffix = "." + cluster;
    if (target.endsWith(suffix)) {
      return target.substring(0, target.length() - suffix.length());
    }
    if (target.contains(".")) {
      throw OutpostException.notFound("node " + target + " is not in cluster " + cluster);
    }
    return target;
  }
}
