package dev.outpost.domain.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where audit events are kept. */
public interface AuditRepository {

  void add(AuditEvent event);

  /** Whether an event with this id is already kept (a node delivers its events at least once). */
  boolean contains(UUID id);

  /** One page of the events {@code query} selects, oldest first. */
  List<AuditEvent> list(AuditQuery query);

  /**
   * Deletes the events of {@code cluster} that happened before {@code cutoff}.
   *
   * @return how many were deleted
   */
  int deleteBefore(String cluster, Instant cutoff);

  /** The time of the newest event kept for {@code cluster}, if any. */
  Optional<Instant> latest(String cluster);

  /** The {@code session.start} event of an SSH session. */
  Optional<AuditEvent> sessionStart(UUID sessionId);
}
