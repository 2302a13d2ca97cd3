package dev.outpost.domain.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Where recording bytes live: append-only, so that nothing stored can be changed afterwards, and
 * deleted only by the retention sweep. The data directory in this version; object storage can
 * implement the same operations.
 */
public interface RecordingStore {

  /** Bytes stored for {@code id}; 0 when nothing is. */
  long size(UUID id) throws IOException;

  /**
   * Appends {@code data} if the stored bytes end exactly at {@code offset}.
   *
   * @return the new size
   * @throws OffsetMismatchException when they do not (a replayed or skipping chunk)
   */
  long append(UUID id, long offset, byte[] data) throws IOException, OffsetMismatchException;

  /** The stored bytes, from the start. */
  InputStream open(UUID id) throws IOException;

  /** Hex SHA-256 of the stored bytes. */
  String sha256(UUID id) throws IOException;

  /** Deletes the bytes of {@code id}, when its retention is over; nothing stored is fine. */
  void delete(UUID id) throws IOException;

  /** An append that did not start where the stored bytes end. */
  final class OffsetMismatchException extends Exception {
    private final long stored;

    public OffsetMismatchException(long stored) {
      super("stored bytes end at " + stored);
      this.stored = stored;
    }

    public long stored() {
      return stored;
    }
  }
}
