package dev.outpost.domain.audit;

import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A recorded audit event. Immutable once written. */
@Entity
@Table(name = "audit_events")
@NamedQuery(name = "AuditEvent.bySession",
    query = "SELECT e FROM AuditEvent e WHERE e.sessionId = :sessionId AND e.type = :type"
        + " ORDER BY e.time")
@NamedQuery(name = "AuditEvent.deleteBefore",
    query = "DELETE FROM AuditEvent e WHERE e.cluster = :cluster AND e.time < :cutoff")
public class AuditEvent {

  private static final int MAX_MESSAGE = 1000;

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "event_time", nullable = false)
  private OffsetDateTime time;

  @Column(name = "event_type", nullable = false, length = 64)
  private String type;

  @Column(nullable = false, length = 253)
  private String cluster;

  @Column(length = 128)
  private String actor;

  @Column(length = 255)
  private String target;

  @Column(length = 63)
  private String node;

  @Column(length = 32)
  private String login;

  @Column(name = "session_id", length = 36)
  private String sessionId;

  @Column(name = "remote_addr", length = 64)
  private String remoteAddr;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Outcome outcome;

  @Column(length = MAX_MESSAGE)
  private String message;

  protected AuditEvent() {}

  /** The event for {@code record}, happened at {@code time} in {@code cluster}. */
  public AuditEvent(AuditRecord record, Instant time, String cluster) {
    this(UUID.randomUUID(), record, time, cluster);
  }

  /**
   * An event whose id was chosen where it happened (on a node), so that a second delivery of it is
   * recognised as the same event.
   */
  public AuditEvent(UUID id, AuditRecord record, Instant time, String cluster) {
    this.id = id.toString();
    this.time = UtcTime.of(time);
    this.type = record.type().wireName();
    this.cluster = cluster;
    this.actor = clip(record.actor(), 128);
    this.target = clip(record.target(), 255);
    this.node = clip(record.node(), 63);
    this.login = clip(record.login(), 32);
    this.sessionId = record.sessionId() == null ? null : record.sessionId().toString();
    this.remoteAddr = clip(record.remoteAddr(), 64);
    this.outcome = record.outcome();
    this.message = clip(record.message(), MAX_MESSAGE);
  }

  public UUID id() {
    return UUID.fromString(id);
  }

  public Instant time() {
    return UtcTime.instant(time);
  }

  public AuditEventType type() {
    return AuditEventType.fromWireName(type);
  }

  public String cluster() {
    return cluster;
  }

  /** The event as its logic described it. */
  public AuditRecord record() {
    return new AuditRecord(type(), outcome, actor, target, node, login,
        Optional.ofNullable(sessionId).map(UUID::fromString).orElse(null), remoteAddr, message);
  }

  /** Audit fields come partly from clients (names, addresses): keep them within their columns. */
  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
