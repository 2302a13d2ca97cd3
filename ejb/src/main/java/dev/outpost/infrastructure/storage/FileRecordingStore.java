package dev.outpost.infrastructure.storage;

import dev.outpost.domain.recording.RecordingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Recordings as files {@code <root>/<uuid>.cast}. The name is built from a parsed UUID only, so no
 * request can reach another path. Appends of one recording are serialised and forced to disk
 * before they are acknowledged, so a confirmed offset survives a crash; a torn append leaves a
 * prefix of the node's bytes, which the node completes from the size it is told.
 */
public final class FileRecordingStore implements RecordingStore {
  private static final String SUFFIX = ".cast";

  /** Appends of one recording are serialised on one of these, by the id's hash. */
  private static final int STRIPES = 64;

  private final Path root;
  private final Object[] locks = new Object[STRIPES];

  public FileRecordingStore(Path root) {
    this.root = root;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  @Override
  public long size(UUID id) throws IOException {
    try {
      return Files.size(file(id));
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  @Override
  public long append(UUID id, long offset, byte[] data)
      throws IOException, OffsetMismatchException {
    synchronized (locks[Math.floorMod(id.hashCode(), STRIPES)]) {
      Files.createDirectories(root);
      try (FileChannel channel = FileChannel.open(file(id), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        long stored = channel.size();
        if (stored != offset) {
          throw new OffsetMismatchException(stored);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long position = offset;
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
        channel.force(false);
        return position;
      }
    }
  }

  @Override
  public InputStream open(UUID id) throws IOException {
    return Files.newInputStream(file(id));
  }

  @Override
  public String sha256(UUID id) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(open(id), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      // nothing stored: the digest of no bytes
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void delete(UUID id) throws IOException {
    synchronized (locks[Math.floorMod(id.hashCode(), STRIPES)]) {
      Files.deleteIfExists(file(id));
    }
  }

  private Path file(UUID id) {
    return root.resolve(id + SUFFIX);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
