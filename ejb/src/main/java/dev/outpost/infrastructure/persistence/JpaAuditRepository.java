package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.shared.UtcTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
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
  public boolean contains(UUID id) {
    return entityManager.find(AuditEvent.class, id.toString()) != null;
  }

  /** Each filter is one indexed column (V3 indexes actor, node and type with the time). */
  @Override
  public List<AuditEvent> list(AuditQuery query) {
    StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE e.time >= :since");
    if (query.type() != null) {
      jpql.append(" AND e.type = :type");
    }
    if (query.user() != null) {
      jpql.append(" AND e.actor = :user");
    }
    if (query.node() != null) {
      jpql.append(" AND e.node = :node");
    }
    jpql.append(" ORDER BY e.time, e.id");
    TypedQuery<AuditEvent> select = entityManager.createQuery(jpql.toString(), AuditEvent.class)
        .setParameter("since", UtcTime.of(query.since()));
    if (query.type() != null) {
      select.setParameter("type", query.type().wireName());
    }
    if (query.user() != null) {
      select.setParameter("user", query.user());
    }
    if (query.node() != null) {
      select.setParameter("node", query.node());
    }
    return select.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
  }

  /** One statement over the V1 index on the event time. */
  @Override
  public int deleteBefore(String cluster, Instant cutoff) {
    return entityManager.createNamedQuery("AuditEvent.deleteBefore")
        .setParameter("cluster", cluster)
        .setParameter("cutoff", UtcTime.of(cutoff))
        .executeUpdate();
  }

  @Override
  public Optional<Instant> latest(String cluster) {
    OffsetDateTime latest = entityManager.createQuery(
            "SELECT MAX(e.time) FROM AuditEvent e WHERE e.cluster = :cluster", OffsetDateTime.class)
        .setParameter("cluster", cluster)
        .getSingleResult();
    return Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
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
