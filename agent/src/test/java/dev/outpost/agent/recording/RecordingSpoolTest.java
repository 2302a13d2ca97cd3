package dev.outpost.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's spool: described, ended, listed, deleted; recordings of a crashed run are ended. */
class RecordingSpoolTest {
  @TempDir Path directory;

  @Test
  void recordingsOfAnInterruptedRunAreEndedAtTheirLastWrite() throws Exception {
    RecordingSpool spool = new RecordingSpool(directory);
    UUID open = UUID.randomUUID();
    UUID ended = UUID.randomUUID();
    Instant lastWrite = Instant.parse("2026-01-01T10:00:00Z");
    try (OutputStream out = spool.start(info(open))) {
      out.write("{}\n".getBytes());
    }
    Files.setLastModifiedTime(spool.cast(open), FileTime.from(lastWrite));
    spool.start(info(ended)).close();
    spool.finish(ended, Instant.parse("2026-01-01T09:00:00Z"));

    assertEquals(1, spool.endInterrupted());

    assertEquals(lastWrite, spool.ended(open).orElseThrow());
    assertEquals(Instant.parse("2026-01-01T09:00:00Z"), spool.ended(ended).orElseThrow());
    assertEquals("root", spool.info(open).login());
    assertTrue(spool.pending().containsAll(List.of(open, ended)));
  }

  @Test
  void aRecordingIdIsNeverReused() throws Exception {
    RecordingSpool spool = new RecordingSpool(directory);
    UUID id = UUID.randomUUID();
    spool.start(info(id)).close();
    assertThrows(IOException.class, () -> spool.start(info(id)));
    spool.delete(id);
    assertEquals(List.of(), spool.pending());
  }

  private static RecordingInfo info(UUID id) {
    return new RecordingInfo(id, null, null, "root", Instant.now());
  }
}
