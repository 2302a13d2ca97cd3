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
    return new AuditRecord(type, Outcome.SUCCESS, null, null, null, null, null, null);
  }

  public static AuditRecord failure(AuditEventType type, String reason) {
    return new AuditRecord(type, Outcome.FAILURE, null, null, null, null, null, reason);
  }

  /** The same event, failed for {@code reason}. */
  public AuditRecord failed(String reason) {
    return new AuditRecord(type, Outcome.FAILURE, actor, node, login, sessionId, remoteAddr,
        reason);
  }

  public AuditRecord actor(String newActor) {
    return new AuditRecord(type, outcome, newActor, node, login, sessionId, remoteAddr, message);
  }

  public AuditRecord node(String newNode) {
    return new AuditRecord(type, outcome, actor, newNode, login, sessionId, remoteAddr, message);
  }

  public AuditRecord login(String newLogin) {
    return new AuditRecord(type, outcome, actor, node, newLogin, sessionId, remoteAddr, message);
  }

  public AuditRecord sessionId(UUID newSessionId) {
    return new AuditRecord(type, outcome, actor, node, login, newSessionId, remoteAddr, message);
  }

  public AuditRecord remoteAddr(String newRemoteAddr) {
    return new AuditRecord(type, outcome, actor, node, login, sessionId, newRemoteAddr, message);
  }

  public AuditRecord message(String newMessage) {
    return new AuditRecord(type, outcome, actor, node, login, sessionId, remoteAddr, newMessage);
  }
}
