package dev.outpost.application.audit;

import dev.outpost.domain.audit.AuditEvent;
import java.util.List;

/** Writes audit events to the database; in the container each call is a transaction of its own. */
public interface AuditWriter {

  /** Writes {@code event}; throws when the database did not take it. */
  void add(AuditEvent event);

  /** Writes {@code events}, all or none; throws when the database did not take them. */
  void addAll(List<AuditEvent> events);

  /**
   * Writes those of {@code events} whose id is not yet kept, all or none.
   *
   * @return how many were new
   */
  int addAbsent(List<AuditEvent> events);
}
