package dev.outpost.application.recording;

import dev.outpost.api.NodeEvent;
import dev.outpost.api.NodeEvents;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.shared.OutpostException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Audit events a node reports, each kept once by its id. A node may report only what happens on
 * a node, and only about itself: the node field is always the authenticated node.
 */
public final class NodeEventIntake {
  static final Set<AuditEventType> NODE_TYPES = EnumSet.of(AuditEventType.EXEC,
      AuditEventType.SCP, AuditEventType.SFTP, AuditEventType.PORT_FORWARD);

  /** Keeps one event unless its id is known. */
  @FunctionalInterface
  public interface OnceRecorder {
    boolean recordOnce(UUID id, AuditRecord record, Instant time);
  }

  private final NodeAuthenticator verifier;
  private final OnceRecorder audit;

  public NodeEventIntake(NodeAuthenticator verifier, OnceRecorder audit) {
    this.verifier = verifier;
    this.audit = audit;
  }

  /** @return how many of the events were new */
  public int accept(NodeEvents batch) {
    if (batch == null || batch.events() == null || batch.events().isEmpty()) {
      throw OutpostException.badRequest("events are required");
    }
    if (batch.events().size() > NodeEvents.MAX_EVENTS) {
      throw OutpostException.badRequest("at most " + NodeEvents.MAX_EVENTS + " events per request");
    }
    List<NodeEvent> events = batch.events();
    events.forEach(NodeEventIntake::validate);
    String node = verifier.verify(batch.proof(), NodeEvents.subject(events), batch.timestamp());
    int added = 0;
    for (NodeEvent event : events) {
      if (audit.recordOnce(event.id(), record(node, event), event.time())) {
        added++;
      }
    }
    return added;
  }

  private static void validate(NodeEvent event) {
    if (event == null || event.id() == null || event.time() == null) {
      throw OutpostException.badRequest("every event needs an id and a time");
    }
    AuditEventType type = AuditEventType.fromWireName(event.type());
    if (!NODE_TYPES.contains(type)) {
      throw OutpostException.badRequest("a node cannot report '" + event.type() + "' events");
    }
    outcome(event.outcome());
  }

  private static AuditRecord record(String node, NodeEvent event) {
    return new AuditRecord(AuditEventType.fromWireName(event.type()), outcome(event.outcome()),
        event.user(), event.target(), node, event.login(), event.sessionId(), null,
        event.reason());
  }

  private static Outcome outcome(String name) {
    try {
      return Outcome.valueOf(name == null ? "" : name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest("outcome must be SUCCESS or FAILURE, not '" + name + "'");
    }
  }
}
