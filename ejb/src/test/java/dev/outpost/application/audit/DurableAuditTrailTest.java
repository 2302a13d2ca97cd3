package dev.outpost.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableAuditTrailTest {

  @TempDir
  Path dir;

  private final Database database = new Database();

  @Test
  void eventsGoStraightToTheDatabaseWhileItIsUp() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = new DurableAuditTrail(database, journal);

    trail.record(AuditJournalTest.event(1));

    assertEquals(1, database.kept.size());
    assertTrue(journal.isEmpty());
    assertFalse(Files.exists(journal.file()), "no journal while nothing failed");
  }

  @Test
  void eventsTheDatabaseRefusedAreReplayedInOrderOnceItIsBack() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = new DurableAuditTrail(database, journal);
    List<AuditEvent> events = IntStream.range(0, 250).mapToObj(AuditJournalTest::event).toList();
    database.up = false;
    events.forEach(trail::record);

    assertEquals(0, trail.replay(), "still down: nothing written, nothing dropped");
    assertEquals(250, journal.read().size());

    database.up = true;
    assertEquals(250, trail.replay());

    assertEquals(ids(events), new ArrayList<>(database.kept.keySet()), "in journal order");
    assertTrue(journal.isEmpty());
  }

  @Test
  void replayIsIdempotentWhenAnEarlierReplayWroteButDidNotDrop() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = new DurableAuditTrail(database, journal);
    database.up = false;
    List<AuditEvent> events = IntStream.range(0, 3).mapToObj(AuditJournalTest::event).toList();
    events.forEach(trail::record);
    database.up = true;
    // a replay whose batch committed while its answer was lost: the journal still holds it
    database.addAbsent(journal.read().stream().map(AuditJournal.Entry::event).toList());

    assertEquals(0, trail.replay(), "every journaled event was already kept");
    assertEquals(0, trail.replay());

    assertEquals(ids(events), new ArrayList<>(database.kept.keySet()));
    assertTrue(journal.isEmpty());
  }

  @Test
  void aReplayCutShortGoesOnFromTheFirstBatchNotWritten() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = new DurableAuditTrail(database, journal);
    database.up = false;
    List<AuditEvent> events = IntStream.range(0, 2 * DurableAuditTrail.BATCH + 1)
        .mapToObj(AuditJournalTest::event).toList();
    events.forEach(trail::record);
    database.up = true;
    database.batchesBeforeFailure = 1;

    assertEquals(DurableAuditTrail.BATCH, trail.replay());
    assertEquals(DurableAuditTrail.BATCH + 1, journal.read().size());

    assertEquals(DurableAuditTrail.BATCH + 1, trail.replay());
    assertEquals(ids(events), new ArrayList<>(database.kept.keySet()));
  }

  private static List<UUID> ids(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::id).toList();
  }

  /** Keeps events by id in the order written; can be down, or fail after some batches. */
  private static final class Database implements AuditWriter {
    final Map<UUID, AuditEvent> kept = new LinkedHashMap<>();
    boolean up = true;
    int batchesBeforeFailure = Integer.MAX_VALUE;

    @Override
    public void add(AuditEvent event) {
      requireUp();
      kept.put(event.id(), event);
    }

    @Override
    public int addAbsent(List<AuditEvent> events) {
      requireUp();
      if (batchesBeforeFailure-- == 0) {
        throw new IllegalStateException("connection reset");
      }
      int added = 0;
      for (AuditEvent event : events) {
        if (kept.putIfAbsent(event.id(), event) == null) {
          added++;
        }
      }
      return added;
    }

    private void requireUp() {
      if (!up) {
        throw new IllegalStateException("connection refused");
      }
    }
  }
}
