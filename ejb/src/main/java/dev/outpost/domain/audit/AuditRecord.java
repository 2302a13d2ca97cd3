package dev.outpost.domain.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * What happened, as the logic that did it describes it; {@link AuditEvent} adds id, time and
 * cluster when it is recorded. Optional fields are null.
 *
 * @param type what kind of event
 * @param outcome success or failure
 * @param actor the user or node that acted
 * @param target what was acted on besides the node: a created user, a token type, a command, a path
 * @param node the target node
 * @param login the OS login used
 * @param sessionId the SSH session
 * @param remoteAddr the client's address
 * @param message one line: the reason of a failure, or details (never a secret)
 */
public record AuditRecord(
    AuditEventType type,
    Outcome outcome,
    String actor,
    String target,
    String node,
    String login,
    UUID sessionId,
    String remoteAddr,
    String message) {

  public AuditRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(outcome, "outcome");
  }

  public static AuditRecord success(AuditEventType type) {
    return new AuditRecord(type, Outcome.SUCCESS, null, null, null, null, null, null, null);
  }

  public static AuditRecord failure(AuditEventType type, String reason) {
    return new AuditRecord(type, Outcome.FAILURE, null, null, null, null, null, null, reason);
  }

  /** The same event, failed for {@code reason}. */
  public AuditRecord failed(String reason) {
    return new AuditRecord(type, Outcome.FAILURE, actor, target, node, login, sessionId,
        remoteAddr, reason);
  }

  /** The same event as another type: a failed login is its own type, for filtering. */
  public AuditRecord as(AuditEventType newType) {
    return new AuditRecord(newType, outcome, actor, target, node, login, sessionId, remoteAddr,
        message);
  }

  public AuditRecord actor(String newActor) {
    return new AuditRecord(type, outcome, newActor, target, node, login, sessionId, remoteAddr,
        message);
  }

  public AuditRecord target(String newTarget) {
    return new AuditRecord(type, outcome, actor, newTarget, node, login, sessionId, remoteAddr,
        message);
  }

  public AuditRecord node(String newNode) {
    return new AuditRecord(type, outcome, actor, target, newNode, login, sessionId, remoteAddr,
        message);
  }

  public AuditRecord login(String newLogin) {
    return new AuditRecord(type, outcome, actor, target, node, newLogin, sessionId, remoteAddr,
        message);
  }

  public AuditRecord sessionId(UUID newSessionId) {
    return new AuditRecord(type, outcome, actor, target, node, login, newSessionId, remoteAddr,
        message);
  }

  public AuditRecord remoteAddr(String newRemoteAddr) {
    return new AuditRecord(type, outcome, actor, target, node, login, sessionId, newRemoteAddr,
        message);
  }

  public AuditRecord message(String newMessage) {
    return new AuditRecord(type, outcome, actor, target, node, login, sessionId, remoteAddr,
        newMessage);
  }
}
