package dev.outpost.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEvent;
import java.nio.file.Files;
import java.sql.SQLDataException;
import java.sql.SQLTransientConnectionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableAuditTrailTest {

  @TempDir
  Path dir;

  private final Database database = new Database();
  private AuditJournal quarantine;

  @BeforeEach
  void quarantine() {
    quarantine = new AuditJournal(dir.resolve("quarantine/journal.jsonl"));
  }

  @Test
  void eventsGoStraightToTheDatabaseWhileItIsUp() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = trail(journal);

    trail.record(AuditJournalTest.event(1));

    assertEquals(1, database.kept.size());
    assertTrue(journal.isEmpty());
    assertFalse(Files.exists(journal.file()), "no journal while nothing failed");
  }

  @Test
  void eventsRecordedTogetherAreWrittenTogetherOrEachOnItsOwnButNeverLost() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = trail(journal);
    List<AuditEvent> together = IntStream.range(0, 3).mapToObj(AuditJournalTest::event).toList();
    trail.recordAll(together);
    assertEquals(together.stream().map(AuditEvent::id).toList(), List.copyOf(database.kept.keySet()));

    List<AuditEvent> refusedTogether = IntStream.range(3, 6).mapToObj(AuditJournalTest::event).toList();
    database.refusedForGood.add(refusedTogether.get(1).id()); // the batch fails; alone, each passes
    trail.recordAll(refusedTogether);
    assertEquals(6, database.kept.size());

    database.up = false;
    List<AuditEvent> whileDown = IntStream.range(6, 9).mapToObj(AuditJournalTest::event).toList();
    trail.recordAll(whileDown);
    assertEquals(whileDown.stream().map(AuditEvent::id).toList(),
        journal.read().stream().map(entry -> entry.event().id()).toList(), "journaled, in order");
  }

  @Test
  void eventsTheDatabaseRefusedAreReplayedInOrderOnceItIsBack() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = trail(journal);
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
    DurableAuditTrail trail = trail(journal);
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
    DurableAuditTrail trail = trail(journal);
    List<AuditEvent> events = recordedWhileDown(trail, 2 * DurableAuditTrail.BATCH + 50);
    database.batchesBeforeFailure = 2;

    assertEquals(2 * DurableAuditTrail.BATCH, trail.replay());
    assertEquals(ids(events.subList(2 * DurableAuditTrail.BATCH, events.size())),
        journaled(journal), "two batches dropped, not one more");

    assertEquals(50, trail.replay());
    assertEquals(ids(events), new ArrayList<>(database.kept.keySet()));
  }

  @Test
  void anEventRefusedForGoodIsQuarantinedAndTheReplayGoesOnUntilARefusalThatMayPass() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal.jsonl"));
    DurableAuditTrail trail = trail(journal);
    List<AuditEvent> events = recordedWhileDown(trail, 250);
    AuditEvent refusedForGood = events.get(120);
    AuditEvent refusedOnce = events.get(150);
    database.refusedForGood.add(refusedForGood.id());
    database.refusedOnce.add(refusedOnce.id());

    assertEquals(149, trail.replay(), "the first batch, then one by one up to the connection loss");
    assertEquals(ids(events.subList(150, 250)), journaled(journal),
        "the journal keeps the events from the one that may pass on");
    assertEquals(List.of(refusedForGood.id()), journaled(quarantine));
    assertEquals(1, trail.quarantined());

    assertEquals(100, trail.replay());

    List<AuditEvent> expected = new ArrayList<>(events);
    expected.remove(refusedForGood);
    assertEquals(ids(expected), new ArrayList<>(database.kept.keySet()), "in journal order");
    assertTrue(journal.isEmpty());
    assertEquals(List.of(refusedForGood.id()), journaled(quarantine), "never deleted");
    assertEquals(refusedForGood.record(), quarantine.read().get(0).event().record());
  }

  /** Events recorded while the database is down (journaled), the database up again. */
  private List<AuditEvent> recordedWhileDown(DurableAuditTrail trail, int count) {
    List<AuditEvent> events = IntStream.range(0, count).mapToObj(AuditJournalTest::event).toList();
    database.up = false;
    events.forEach(trail::record);
    database.up = true;
    return events;
  }

  private DurableAuditTrail trail(AuditJournal journal) {
    return new DurableAuditTrail(database, journal, quarantine);
  }

  private static List<UUID> journaled(AuditJournal journal) {
    return journal.read().stream().map(entry -> entry.event().id()).toList();
  }

  private static List<UUID> ids(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::id).toList();
  }

  /**
   * Keeps events by id in the order written; can be down, fail after some batches, refuse some
   * events for good (a data exception, wrapped as the container wraps it) and others once (a
   * connection reset), each transaction all or nothing.
   */
  private static final class Database implements AuditWriter {
    final Map<UUID, AuditEvent> kept = new LinkedHashMap<>();
    final Set<UUID> refusedForGood = new HashSet<>();
    final Set<UUID> refusedOnce = new HashSet<>();
    boolean up = true;
    int batchesBeforeFailure = Integer.MAX_VALUE;

    @Override
    public void add(AuditEvent event) {
      requireUp();
      kept.put(event.id(), event);
    }

    @Override
    public void addAll(List<AuditEvent> events) {
      requireUp();
      if (events.stream().anyMatch(event -> refusedForGood.contains(event.id()))) {
        throw new IllegalStateException("transaction rolled back",
            new SQLDataException("value too long for column", "22001"));
      }
      events.forEach(event -> kept.put(event.id(), event));
    }

    @Override
    public int addAbsent(List<AuditEvent> events) {
      requireUp();
      if (batchesBeforeFailure-- == 0) {
        throw new IllegalStateException("connection reset");
      }
      if (events.stream().anyMatch(event -> refusedForGood.contains(event.id()))) {
        throw new IllegalStateException("transaction rolled back",
            new SQLDataException("value too long for column", "22001"));
      }
      if (events.stream().anyMatch(event -> refusedOnce.remove(event.id()))) {
        throw new IllegalStateException("transaction rolled back",
            new SQLTransientConnectionException("connection reset", "08006"));
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
