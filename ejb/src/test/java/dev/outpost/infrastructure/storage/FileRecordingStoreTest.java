package dev.outpost.infrastructure.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.domain.recording.RecordingStore.OffsetMismatchException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends only where the stored bytes end; the checksum covers exactly what is stored. */
class FileRecordingStoreTest {
  @TempDir Path root;

  @Test
  void appendsAtTheEndOnly() throws Exception {
    FileRecordingStore store = new FileRecordingStore(root);
    UUID id = UUID.randomUUID();
    byte[] hello = "hello ".getBytes(StandardCharsets.UTF_8);
    byte[] world = "world".getBytes(StandardCharsets.UTF_8);

    assertEquals(0, store.size(id));
    assertEquals(6, store.append(id, 0, hello));
    assertEquals(6, assertThrows(OffsetMismatchException.class,
        () -> store.append(id, 0, world)).stored());
    assertEquals(6, assertThrows(OffsetMismatchException.class,
        () -> store.append(id, 7, world)).stored());
    assertEquals(11, store.append(id, 6, world));

    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("hello world".getBytes(StandardCharsets.UTF_8))), store.sha256(id));
  }
}
