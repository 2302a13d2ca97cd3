package dev.outpost.application.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.infrastructure.storage.FileRecordingStore;
import dev.outpost.testing.InMemoryRecordings;
import dev.outpost.testing.MutableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording the proxy writes: the same row and store as an upload, confirmed from what is stored. */
class ProxyRecordingsTest {
  @TempDir Path data;

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryRecordings recordings = new InMemoryRecordings();

  @Test
  void appendsInOrderAndCompletesWithTheStoredSizeAndChecksum() throws Exception {
    FileRecordingStore store = new FileRecordingStore(data.resolve("recordings"));
    ProxyRecordings proxy = new ProxyRecordings(recordings, store, "cluster", clock);
    UUID session = UUID.randomUUID();
    UUID id = proxy.open("edge-1", session, "alice", "alice-k8s");
    byte[] header = "{\"version\":2,\"width\":80,\"height\":24}\n".getBytes(StandardCharsets.UTF_8);
    byte[] event = "[0.1,\"o\",\"hi\"]\n".getBytes(StandardCharsets.UTF_8);
    proxy.append(id, header);
    proxy.append(id, event);
    Recording open = recordings.find(id).orElseThrow();
    assertFalse(open.isComplete());
    assertEquals(session, open.sessionId().orElseThrow());
    assertEquals("alice-k8s", open.login());

    clock.advance(Duration.ofSeconds(5));
    proxy.complete(id);

    Recording done = recordings.find(id).orElseThrow();
    byte[] both = (new String(header, StandardCharsets.UTF_8) + new String(event, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    assertTrue(done.isComplete());
    assertEquals(both.length, done.size());
    assertEquals(RecordingUploads.sha256(both), done.sha256().orElseThrow());
    assertEquals(done.started().plusSeconds(5), done.ended().orElseThrow());
    try (InputStream in = store.open(id)) {
      assertArrayEquals(both, in.readAllBytes());
    }
    OutpostException late = assertThrows(OutpostException.class, () -> proxy.append(id, event));
    assertTrue(late.getMessage().contains("is complete and cannot change"), late.getMessage());
    assertEquals(both.length, store.size(id));
  }
}
