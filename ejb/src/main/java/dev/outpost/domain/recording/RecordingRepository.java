package dev.outpost.domain.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where recording rows are kept; the bytes are in the {@link RecordingStore}. */
public interface RecordingRepository {

  void add(Recording recording);

  Optional<Recording> find(UUID id);

  /** The recordings of an SSH session, first started first. */
  List<Recording> bySession(UUID sessionId);

  /** The cluster's latest recordings, newest first. */
  List<Recording> latest(String cluster, int limit);

  /** At most {@code limit} of the cluster's recordings started before {@code cutoff}. */
  List<Recording> startedBefore(String cluster, Instant cutoff, int limit);

  void remove(Recording recording);
}
