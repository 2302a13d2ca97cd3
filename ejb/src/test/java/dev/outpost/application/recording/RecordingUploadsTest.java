package dev.outpost.application.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.RecordingChunk;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.OutpostException.Kind;
import dev.outpost.infrastructure.storage.FileRecordingStore;
import dev.outpost.testing.InMemoryRecordings;
import dev.outpost.testing.MutableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's side of an upload: resumable, append-only, checksummed; every bad input refused with
 * its reason and nothing stored.
 */
class RecordingUploadsTest {
  private static final String NODE = "edge-1";
  private static final byte[] FIRST = "{\"version\":2,\"width\":80,\"height\":24}\n"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECOND = "[0.5,\"o\",\"hello\"]\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path data;

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryRecordings recordings = new InMemoryRecordings();
  private final String id = UUID.randomUUID().toString();
  private FileRecordingStore store;
  private RecordingUploads uploads;

  /** The proof's certificate field names the node: the proof itself is checked elsewhere. */
  private RecordingUploads uploads() {
    store = new FileRecordingStore(data.resolve("recordings"));
    uploads = new RecordingUploads((proof, subject, timestamp) -> proof.certificate(),
        recordings, store, "cluster", clock);
    return uploads;
  }

  @Test
  void storesChunksInOrderAndConfirmsTheWhole() throws Exception {
    uploads();
    assertEquals(0, open(NODE).size());
    assertEquals(FIRST.length, append(NODE, 0, FIRST).size());
    RecordingStatus status = append(NODE, FIRST.length, SECOND);
    assertEquals(FIRST.length + SECOND.length, status.size());

    RecordingStatus done = complete(NODE, both().length, RecordingUploads.sha256(both()));

    assertTrue(done.complete());
    try (InputStream in = store.open(UUID.fromString(id))) {
      assertArrayEquals(both(), in.readAllBytes());
    }
    assertEquals(FIRST.length + SECOND.length, open(NODE).size(), "announcing again is harmless");
  }

  @Test
  void refusesChunkWithWrongChecksum() throws Exception {
    uploads();
    open(NODE);
    RecordingChunk chunk = new RecordingChunk(proof(NODE), 0, 0, FIRST,
        RecordingUploads.sha256(SECOND));
    assertRefused(Kind.BAD_REQUEST, "checksum mismatch", () -> uploads.append(id, chunk));
    assertEquals(0, store.size(UUID.fromString(id)));
  }

  @Test
  void refusesReplayedChunk() throws Exception {
    uploads();
    open(NODE);
    append(NODE, 0, FIRST);
    assertRefused(Kind.CONFLICT, "already stored", () -> append(NODE, 0, FIRST));
    assertEquals(FIRST.length, store.size(UUID.fromString(id)));
  }

  @Test
  void refusesOffsetOutOfRange() throws Exception {
    uploads();
    open(NODE);
    assertRefused(Kind.BAD_REQUEST, "out of range", () -> append(NODE, 10, FIRST));
    assertRefused(Kind.BAD_REQUEST, "out of range", () -> append(NODE, -1, FIRST));
    assertEquals(0, store.size(UUID.fromString(id)));
  }

  @Test
  void refusesRecordingOfAnotherNode() throws Exception {
    uploads();
    open(NODE);
    assertRefused(Kind.FORBIDDEN, "belongs to another node", () -> append("edge-2", 0, FIRST));
    assertRefused(Kind.FORBIDDEN, "belongs to another node", () -> open("edge-2"));
    assertEquals(0, store.size(UUID.fromString(id)));
  }

  @Test
  void refusesPathLikeIds() {
    uploads();
    for (String bad : new String[] {"../../etc/passwd", "..", "a/b", id.toUpperCase(), id + "/x",
        "%2e%2e%2f"}) {
      RecordingOpen request = new RecordingOpen(proof(NODE), 0, null, "alice", "root",
          clock.instant());
      assertRefused(Kind.BAD_REQUEST, "is not a lowercase UUID", () -> uploads.open(bad, request));
    }
    assertFalse(Files.exists(data.resolve("recordings")), "nothing stored");
  }

  @Test
  void refusesCompletionThatDoesNotMatchAndChangesAfterCompletion() throws Exception {
    uploads();
    open(NODE);
    append(NODE, 0, FIRST);
    assertRefused(Kind.CONFLICT, "does not match",
        () -> complete(NODE, both().length, RecordingUploads.sha256(both())));
    complete(NODE, FIRST.length, RecordingUploads.sha256(FIRST));
    assertRefused(Kind.CONFLICT, "is complete and cannot change",
        () -> append(NODE, FIRST.length, SECOND));
  }

  @Test
  void refusesChunksOfUnannouncedRecordings() {
    uploads();
    assertRefused(Kind.NOT_FOUND, "not announced", () -> append(NODE, 0, FIRST));
  }

  private RecordingStatus open(String node) {
    return uploads.open(id,
        new RecordingOpen(proof(node), 0, UUID.randomUUID(), "alice", "root", clock.instant()));
  }

  private RecordingStatus append(String node, long offset, byte[] data) {
    return uploads.append(id,
        new RecordingChunk(proof(node), 0, offset, data, RecordingUploads.sha256(data)));
  }

  private RecordingStatus complete(String node, long size, String sha256) {
    return uploads.complete(id,
        new RecordingComplete(proof(node), 0, size, sha256, clock.instant()));
  }

  private static CertificateProof proof(String node) {
    return new CertificateProof(node, "unchecked here");
  }

  private static byte[] both() {
    byte[] all = new byte[FIRST.length + SECOND.length];
    System.arraycopy(FIRST, 0, all, 0, FIRST.length);
    System.arraycopy(SECOND, 0, all, FIRST.length, SECOND.length);
    return all;
  }

  private static void assertRefused(Kind kind, String reason, Executable call) {
    OutpostException error = assertThrows(OutpostException.class, call);
    assertEquals(kind, error.kind(), error.getMessage());
    assertTrue(error.getMessage().contains(reason), error.getMessage());
  }
}
