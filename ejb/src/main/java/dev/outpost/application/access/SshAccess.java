package dev.outpost.application.access;

import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import java.time.Clock;
import java.util.UUID;

/** Authorizes SSH sessions and audits their start and end. */
public final class SshAccess {

  private final String cluster;
  private final UserRepository users;
  private final NodeRepository nodes;
  private final AuditRepository auditEvents;
  private final AuditRecorder audit;
  private final Clock clock;

  public SshAccess(String cluster, UserRepository users, NodeRepository nodes,
      AuditRepository auditEvents, AuditRecorder audit, Clock clock) {
    this.cluster = cluster;
    this.users = users;
    this.nodes = nodes;
    this.auditEvents = auditEvents;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Decides whether {@code identity} may log in as {@code login} on {@code target} ({@code node}
   * or {@code node.cluster}).
   *
   * @return the new session's id
   * @throws OutpostException FORBIDDEN, NOT_FOUND or UNAVAILABLE, audited as session.start
   */
  public UUID authorize(UserIdentity identity, String login, String target, String remoteAddr) {
    UUID session = UUID.randomUUID();
    AuditRecord attempt = AuditRecord.success(AuditEventType.SESSION_START)
        .actor(identity.user()).login(login).node(target).sessionId(session)
        .remoteAddr(remoteAddr);
    try {
      String nodeName = localName(target);
      User user = users.findByName(identity.user())
          .filter(found -> !found.isLockedAt(clock.instant()))
          .orElseThrow(() -> OutpostException.forbidden(
              "user " + identity.user() + " no longer exists or is locked"));
      UserIdentity current = user.identity(identity.expires());
      if (!current.mayAccessNodes()) {
        throw OutpostException.forbidden("user " + user.name() + " has no role that reaches nodes");
      }
      if (login == null || !current.logins().contains(login)) {
        throw OutpostException.forbidden("user " + user.name() + " may not log in as " + login);
      }
      Node node = nodes.find(cluster, nodeName)
          .orElseThrow(() -> OutpostException.notFound("node " + nodeName + " is not registered"));
      if (!node.isOnline()) {
        throw OutpostException.unavailable("node " + nodeName + " is offline");
      }
      audit.record(attempt.node(nodeName));
      return session;
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  /**
   * Audits the end of a session, with the fields of its start.
   *
   * @param reason why the session ended abnormally, or null when it simply finished
   */
  public void ended(UUID sessionId, long bytesIn, long bytesOut, String reason) {
    AuditRecord start = auditEvents.sessionStart(sessionId)
        .map(AuditEvent::record)
        .orElseGet(() -> AuditRecord.success(AuditEventType.SESSION_START).sessionId(sessionId));
    audit.record(AuditRecord.success(AuditEventType.SESSION_END)
        .actor(start.actor()).node(start.node()).login(start.login()).sessionId(sessionId)
        .remoteAddr(start.remoteAddr())
        .message("bytes in " + bytesIn + ", out " + bytesOut
            + (reason == null ? "" : "; " + reason)));
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
