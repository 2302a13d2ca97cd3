package dev.outpost.domain.audit;

/** Takes audit records; the container's recorder commits each in a transaction of its own. */
@FunctionalInterface
public interface AuditRecorder {

  void record(AuditRecord record);
}
