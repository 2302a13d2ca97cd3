package dev.outpost.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.config.OutpostConfig.Retention;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.recording.Recording;
import dev.outpost.infrastructure.storage.FileRecordingStore;
import dev.outpost.testing.InMemoryRecordings;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweepTest {
  private static final String CLUSTER = "edge.example";
  private static final Retention RETENTION = new Retention(Duration.ofDays(365),
      Duration.ofDays(90));

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final Events events = new Events();
  private final InMemoryRecordings recordings = new InMemoryRecordings();
  private final RecordingAudit audit = new RecordingAudit();

  @Test
  void deletesWhatIsPastItsRetentionAndAuditsIt() throws Exception {
    FileRecordingStore store = new FileRecordingStore(dir);
    Instant now = clock.instant();
    AuditEvent old = event(now.minus(Duration.ofDays(366)));
    AuditEvent kept = event(now.minus(Duration.ofDays(364)));
    Recording expired = recording(store, now.minus(Duration.ofDays(91)));
    Recording recent = recording(store, now.minus(Duration.ofDays(89)));

    RetentionSweep.Swept swept = sweep(store).sweep();

    assertEquals(1, swept.auditEvents());
    assertEquals(1, swept.recordings());
    assertEquals(List.of(kept.id()), events.kept.stream().map(AuditEvent::id).toList());
    assertFalse(events.kept.contains(old));
    assertEquals(Optional.empty(), recordings.find(expired.id()));
    assertEquals(0, store.size(expired.id()), "the bytes are gone with the row");
    assertTrue(recordings.find(recent.id()).isPresent());
    assertEquals(5, store.size(recent.id()));

    AuditRecord record = audit.last();
    assertEquals(AuditEventType.RETENTION_DELETE, record.type());
    assertEquals(Outcome.SUCCESS, record.outcome());
    assertEquals("outpost", record.actor());
    assertEquals("deleted 1 audit events before " + now.minus(Duration.ofDays(365))
        + " (retention PT8760H) and 1 recordings started before "
        + now.minus(Duration.ofDays(90)) + " (retention PT2160H)", record.message());
  }

  @Test
  void aSweepThatFindsNothingLeavesNoEvent() {
    event(clock.instant().minus(Duration.ofDays(1)));

    RetentionSweep.Swept swept = sweep(new FileRecordingStore(dir)).sweep();

    assertFalse(swept.any());
    assertTrue(audit.records().isEmpty());
    assertEquals(1, events.kept.size());
  }

  @Test
  void anotherClustersEventsAreNotItsToDelete() {
    events.add(new AuditEvent(AuditRecord.success(AuditEventType.JOIN),
        clock.instant().minus(Duration.ofDays(400)), "other.example"));

    assertEquals(0, sweep(new FileRecordingStore(dir)).sweep().auditEvents());
  }

  private RetentionSweep sweep(FileRecordingStore store) {
    return new RetentionSweep(events, recordings, store, audit, CLUSTER, RETENTION, clock);
  }

  private AuditEvent event(Instant time) {
    AuditEvent event = new AuditEvent(AuditRecord.success(AuditEventType.USER_LOGIN)
        .actor("alice"), time, CLUSTER);
    events.add(event);
    return event;
  }

  private Recording recording(FileRecordingStore store, Instant started) throws Exception {
    Recording recording = new Recording(UUID.randomUUID(), CLUSTER, "edge-1", UUID.randomUUID(),
        "alice", "root", started);
    recordings.add(recording);
    store.append(recording.id(), 0, "bytes".getBytes(StandardCharsets.UTF_8));
    return recording;
  }

  /** Audit events in a list; only what the sweep uses. */
  private static final class Events implements AuditRepository {
    @Override
    public Optional<Instant> latest(String cluster) {
      return Optional.empty();
    }

    final List<AuditEvent> kept = new ArrayList<>();

    @Override
    public void add(AuditEvent event) {
      kept.add(event);
    }

    @Override
    public boolean contains(UUID id) {
      return kept.stream().anyMatch(event -> event.id().equals(id));
    }

    @Override
    public List<AuditEvent> list(AuditQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int deleteBefore(String cluster, Instant cutoff) {
      int before = kept.size();
      kept.removeIf(event -> event.cluster().equals(cluster) && event.time().isBefore(cutoff));
      return before - kept.size();
    }

    @Override
    public Optional<AuditEvent> sessionStart(UUID sessionId) {
      throw new UnsupportedOperationException();
    }
  }
}
