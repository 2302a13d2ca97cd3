package dev.outpost.application.audit;

import dev.outpost.config.OutpostConfig.Retention;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes the cluster's audit events older than their retention and the recordings started longer
 * ago than theirs (bytes first, then the row, so that a sweep cut short leaves rows the next sweep
 * finishes, never bytes without a row), and audits what it deleted as {@code retention.delete}.
 */
public final class RetentionSweep {
  /** The system, as the actor of what no user did. */
  static final String ACTOR = "outpost";

  /** Recordings deleted per sweep, to bound one transaction; the next sweep deletes the rest. */
  static final int MAX_RECORDINGS = 10_000;

  private final AuditRepository events;
  private final RecordingRepository recordings;
  private final RecordingStore store;
  private final AuditRecorder audit;
  private final String cluster;
  private final Retention retention;
  private final Clock clock;

  public RetentionSweep(AuditRepository events, RecordingRepository recordings,
      RecordingStore store, AuditRecorder audit, String cluster, Retention retention,
      Clock clock) {
    this.events = events;
    this.recordings = recordings;
    this.store = store;
    this.audit = audit;
    this.cluster = cluster;
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * Deletes what is past its retention.
   *
   * @return what was deleted
   */
  public Swept sweep() {
    Instant now = clock.instant();
    Instant eventCutoff = now.minus(retention.auditEvents());
    Instant recordingCutoff = now.minus(retention.recordings());
    List<Recording> expired = recordings.startedBefore(cluster, recordingCutoff, MAX_RECORDINGS);
    for (Recording recording : expired) {
      try {
        store.delete(recording.id());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete recording " + recording.id(), e);
      }
      recordings.remove(recording);
    }
    int deletedEvents = events.deleteBefore(cluster, eventCutoff);
    Swept swept = new Swept(deletedEvents, eventCutoff, expired.size(), recordingCutoff);
    if (swept.any()) {
      audit.record(AuditRecord.success(AuditEventType.RETENTION_DELETE).actor(ACTOR)
          .message(swept.describe(retention)));
    }
    return swept;
  }

  /**
   * What one sweep deleted.
   *
   * @param auditEvents audit events deleted
   * @param eventCutoff they happened before this
   * @param recordings recordings deleted
   * @param recordingCutoff they started before this
   */
  public record Swept(int auditEvents, Instant eventCutoff, int recordings,
      Instant recordingCutoff) {

    public boolean any() {
      return auditEvents > 0 || recordings > 0;
    }

    String describe(Retention retention) {
      return "deleted " + auditEvents + " audit events before " + eventCutoff + " (retention "
          + retention.auditEvents() + ") and " + recordings + " recordings started before "
          + recordingCutoff + " (retention " + retention.recordings() + ")";
    }
  }
}
