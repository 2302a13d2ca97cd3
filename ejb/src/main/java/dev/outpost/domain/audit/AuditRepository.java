package dev.outpost.domain.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where audit events are kept. */
public interface AuditRepository {

  void add(AuditEvent event);

  /** Events from {@code since} on, oldest first, of {@code type} unless null, at most limit. */
  List<AuditEvent> list(Instant since, AuditEventType type, int limit);

  /** The {@code session.start} event of an SSH session. */
  Optional<AuditEvent> sessionStart(UUID sessionId);
}
