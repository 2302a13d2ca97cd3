package dev.outpost.testing;

import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryRecordings implements RecordingRepository {
  private final Map<UUID, Recording> byId = new ConcurrentHashMap<>();

  @Override
  public void add(Recording recording) {
    byId.put(recording.id(), recording);
  }

  @Override
  public Optional<Recording> find(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<Recording> bySession(UUID sessionId) {
    return byId.values().stream()
        .filter(r -> r.sessionId().filter(sessionId::equals).isPresent())
        .sorted(Comparator.comparing(Recording::started))
        .toList();
  }

  @Override
  public List<Recording> latest(String cluster, int limit) {
    List<Recording> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparing(Recording::started).reversed());
    return all.stream().limit(limit).toList();
  }

  @Override
  public List<Recording> startedBefore(String cluster, Instant cutoff, int limit) {
    return byId.values().stream()
        .filter(r -> r.started().isBefore(cutoff))
        .sorted(Comparator.comparing(Recording::started))
        .limit(limit)
        .toList();
  }

  @Override
  public void remove(Recording recording) {
    byId.remove(recording.id());
  }
}
