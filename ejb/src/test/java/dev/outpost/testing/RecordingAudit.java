package dev.outpost.testing;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.audit.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was audited, in order. */
public final class RecordingAudit implements AuditRecorder {

  private final List<AuditRecord> records = new ArrayList<>();

  @Override
  public void record(AuditRecord record) {
    records.add(record);
  }

  public List<AuditRecord> records() {
    return List.copyOf(records);
  }

  public AuditRecord last() {
    if (records.isEmpty()) {
      throw new AssertionError("nothing was audited");
    }
    return records.get(records.size() - 1);
  }

  public long count(AuditEventType type, Outcome outcome) {
    return records.stream()
        .filter(record -> record.type() == type && record.outcome() == outcome)
        .count();
  }
}
