package dev.outpost.application;

import dev.outpost.api.AuditEventView;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.user.UserIdentity;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The audit trail. Every event is stamped with time and this cluster's name. */
@Stateless
public class AuditLog {

  @Inject
  private AuditRepository repository;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private AuditTrail trail;

  /**
   * Records an event outside the caller's transaction, so that it stays even when the operation it
   * describes fails and rolls back; while the database is away, in this instance's journal.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void record(AuditRecord record) {
    trail.record(new AuditEvent(record, clock.instant(), config.clusterName()));
  }

  /**
   * Records events that happen together, as {@link #record} does, in one transaction while the
   * database takes them all.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void recordAll(List<AuditRecord> records) {
    Instant now = clock.instant();
    trail.recordAll(records.stream()
        .map(record -> new AuditEvent(record, now, config.clusterName()))
        .toList());
  }

  /**
   * Records an event that happened on a node at {@code time}, once: a node may deliver it again
   * when it did not see the first answer.
   *
   * @return whether the event was new
   */
  public boolean recordOnce(UUID id, AuditRecord record, Instant time) {
    return recordOnce(id, record, time, config.clusterName());
  }

  /**
   * Records, once, an event that happened in {@code cluster}: a leaf's event forwarded to this
   * root.
   *
   * @return whether the event was new
   */
  public boolean recordOnce(UUID id, AuditRecord record, Instant time, String cluster) {
    if (repository.contains(id)) {
      return false;
    }
    repository.add(new AuditEvent(id, record, time, cluster));
    return true;
  }

  /** When the newest event kept for {@code cluster} happened, if any. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Instant> latest(String cluster) {
    return repository.latest(cluster);
  }

  /** One page of events; the audit log is for admins. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<AuditEventView> search(UserIdentity caller, AuditQuery query) {
    caller.requireRole(Role.ADMIN);
    return list(query).stream().map(AuditLog::view).toList();
  }

  /** One page of events, unchecked: for the container's own callers and tests. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<AuditEvent> list(AuditQuery query) {
    return repository.list(query);
  }

  static AuditEventView view(AuditEvent event) {
    AuditRecord record = event.record();
    return new AuditEventView(event.id(), event.time(), record.type().wireName(), event.cluster(),
        record.actor(), record.target(), record.node(), record.login(), record.sessionId(),
        record.remoteAddr(), record.outcome().name(), record.message());
  }
}
