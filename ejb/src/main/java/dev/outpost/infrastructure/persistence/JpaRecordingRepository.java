package dev.outpost.infrastructure.persistence;

import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
}
