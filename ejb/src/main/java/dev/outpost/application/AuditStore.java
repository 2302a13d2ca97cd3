package dev.outpost.application;

import dev.outpost.application.audit.AuditWriter;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditRepository;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Writes audit events, each call in a transaction of its own: a failed commit reaches the caller
 * as an exception, so that {@link AuditTrail} can journal the event instead.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AuditStore implements AuditWriter {

  @Inject
  private AuditRepository repository;

  @Override
  public void add(AuditEvent event) {
    repository.add(event);
  }

  @Override
  public void addAll(List<AuditEvent> events) {
    events.forEach(repository::add);
  }

  @Override
  public int addAbsent(List<AuditEvent> events) {
    int added = 0;
    for (AuditEvent event : events) {
      if (!repository.contains(event.id())) {
        repository.add(event);
        added++;
      }
    }
    return added;
  }
}
