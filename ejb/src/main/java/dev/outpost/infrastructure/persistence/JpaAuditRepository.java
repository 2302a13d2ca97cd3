package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.shared.UtcTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public void add(AuditEvent event) {
    entityManager.persist(event);
  }

  @Override
  public List<AuditEvent> list(Instant since, AuditEventType type, int limit) {
    TypedQuery<AuditEvent> query = type == null
        ? entityManager.createNamedQuery("AuditEvent.since", AuditEvent.class)
        : entityManager.createNamedQuery("AuditEvent.sinceOfType", AuditEvent.class)
            .setParameter("type", type.wireName());
    return query.setParameter("since", UtcTime.of(since)).setMaxResults(limit).getResultList();
  }

  @Override
  public Optional<AuditEvent> sessionStart(UUID sessionId) {
    return entityManager.createNamedQuery("AuditEvent.bySession", AuditEvent.class)
        .setParameter("sessionId", sessionId.toString())
        .setParameter("type", AuditEventType.SESSION_START.wireName())
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
