package dev.outpost.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;

  @Test
  void eventsComeBackWholeAndInOrder() {
    AuditJournal journal = new AuditJournal(dir.resolve("journal/proxy-1.jsonl"));
    AuditEvent full = new AuditEvent(UUID.randomUUID(),
        AuditRecord.failure(AuditEventType.USER_LOGIN_FAILURE, "wrong password \"x\"\nline")
            .actor("alice").target("t").node("edge-1").login("root")
            .sessionId(UUID.randomUUID()).remoteAddr("10.0.0.7"),
        T0, "cluster.example");
    AuditEvent sparse = event(1);
    journal.append(full);
    journal.append(sparse);

    List<AuditJournal.Entry> entries = journal.read();

    assertEquals(2, entries.size());
    AuditEvent back = entries.get(0).event();
    assertEquals(full.id(), back.id());
    assertEquals(full.time(), back.time());
    assertEquals(full.cluster(), back.cluster());
    assertEquals(full.record(), back.record());
    assertEquals(sparse.record(), entries.get(1).event().record());
    assertEquals(sizeOf(journal.file()), entries.get(1).end());
  }

  @Test
  void onlyTheOwnerMayReadTheJournal() throws IOException {
    AuditJournal journal = new AuditJournal(dir.resolve("journal/proxy-1.jsonl"));
    journal.append(event(1));

    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file())));
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(journal.file().getParent())));
  }

  @Test
  void aTornTrailingLineIsSkippedWithAWarningAndTheNextEventStartsALineOfItsOwn()
      throws IOException {
    AuditJournal journal = new AuditJournal(dir.resolve("proxy.jsonl"));
    AuditEvent first = event(1);
    journal.append(first);
    String whole = AuditJournal.toJson(event(2));
    Files.writeString(journal.file(), whole.substring(0, whole.length() / 2),
        StandardOpenOption.APPEND);
    List<String> warnings = new ArrayList<>();
    Handler capture = warningsInto(warnings);

    List<AuditJournal.Entry> entries;
    try {
      entries = journal.read();
    } finally {
      Logger.getLogger(AuditJournal.class.getName()).removeHandler(capture);
    }

    assertEquals(2, entries.size());
    assertEquals(first.id(), entries.get(0).event().id());
    assertNull(entries.get(1).event(), "the torn line is no event");
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("line 2"), warnings.get(0));

    AuditEvent third = event(3);
    journal.append(third);
    List<AuditJournal.Entry> after = journal.read();
    assertEquals(third.id(), after.get(2).event().id(), "the torn line did not swallow it");
  }

  @Test
  void dropRemovesTheReadPrefixAndKeepsWhatCameLater() {
    AuditJournal journal = new AuditJournal(dir.resolve("proxy.jsonl"));
    journal.append(event(1));
    journal.append(event(2));
    List<AuditJournal.Entry> read = journal.read();
    AuditEvent later = event(3);
    journal.append(later);

    journal.drop(read.get(1).end());

    List<AuditJournal.Entry> left = journal.read();
    assertEquals(1, left.size());
    assertEquals(later.id(), left.get(0).event().id());
    journal.drop(left.get(0).end());
    assertTrue(journal.isEmpty());
    assertTrue(journal.read().isEmpty());
  }

  @Test
  void dropsInStepsOfOneReadRemoveOnlyWhatTheyName() {
    AuditJournal journal = new AuditJournal(dir.resolve("proxy.jsonl"));
    List<AuditEvent> events = List.of(event(1), event(2), event(3), event(4));
    events.forEach(journal::append);
    List<AuditJournal.Entry> read = journal.read();
    AuditEvent later = event(5);
    journal.append(later);

    journal.drop(read.get(0).end());
    journal.drop(read.get(1).end());

    assertEquals(List.of(events.get(2).id(), events.get(3).id(), later.id()),
        journal.read().stream().map(entry -> entry.event().id()).toList(),
        "the second drop's offset is the read's, not the shortened file's");
  }

  @Test
  void aMissingJournalIsEmpty() {
    AuditJournal journal = new AuditJournal(dir.resolve("never/written.jsonl"));

    assertTrue(journal.isEmpty());
    assertTrue(journal.read().isEmpty());
    journal.drop(0);
  }

  static AuditEvent event(int n) {
    return new AuditEvent(UUID.randomUUID(),
        AuditRecord.success(AuditEventType.TOKEN_CREATE).actor("admin").target("node-" + n),
        T0.plusSeconds(n), "cluster");
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Handler warningsInto(List<String> warnings) {
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger(AuditJournal.class.getName()).addHandler(handler);
    return handler;
  }
}
