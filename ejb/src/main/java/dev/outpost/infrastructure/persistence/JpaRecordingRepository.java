package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.shared.UtcTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaRecordingRepository implements RecordingRepository {

  @PersistenceContext(unitName = "outpost")
  private EntityManager entityManager;

  @Override
  public void add(Recording recording) {
    entityManager.persist(recording);
  }

  @Override
  public Optional<Recording> find(UUID id) {
    return Optional.ofNullable(entityManager.find(Recording.class, id.toString()));
  }

  @Override
  public List<Recording> bySession(UUID sessionId) {
    return entityManager.createNamedQuery("Recording.bySession", Recording.class)
        .setParameter("sessionId", sessionId.toString())
        .getResultList();
  }

  @Override
  public List<Recording> latest(String cluster, int limit) {
    return entityManager.createNamedQuery("Recording.latest", Recording.class)
        .setParameter("cluster", cluster)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public List<Recording> startedBefore(String cluster, Instant cutoff, int limit) {
    return entityManager.createNamedQuery("Recording.startedBefore", Recording.class)
        .setParameter("cluster", cluster)
        .setParameter("cutoff", UtcTime.of(cutoff))
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public void remove(Recording recording) {
    entityManager.remove(entityManager.contains(recording) ? recording
        : entityManager.merge(recording));
  }
}
