package dev.outpost.application;

import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The audit trail. Every event is stamped with time and this cluster's name. */
@Stateless
public class AuditLog {

  public static final int MAX_LIST = 1000;

  @Inject
  private AuditRepository repository;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  /**
   * Records an event in a transaction of its own, so that it stays even when the operation it
   * describes fails and rolls back.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void record(AuditRecord record) {
    repository.add(new AuditEvent(record, clock.instant(), config.clusterName()));
  }

  /** Events since {@code since}, oldest first, of {@code type} unless null; at most 1000. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<AuditEvent> list(Instant since, AuditEventType type, int limit) {
    return repository.list(since, type, Math.max(1, Math.min(limit, MAX_LIST)));
  }
}
