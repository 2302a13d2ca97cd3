package dev.outpost.agent.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Recordings on the node's disk until the proxy has them: {@code ID.cast} (asciicast v2, growing),
 * {@code ID.properties} (who, when) and, once the session ended, {@code ID.done} (the end time).
 * A recording is listed once its description exists; its bytes are final once {@code .done} does.
 */
public final class RecordingSpool {
  /** Below this much free space new sessions are refused rather than run unrecorded. */
  static final long MIN_FREE_BYTES = 1024 * 1024;

  private static final String CAST = ".cast";
  private static final String INFO = ".properties";
  private static final String DONE = ".done";

  private final Path directory;

  public RecordingSpool(Path directory) {
    this.directory = directory;
  }

  /**
   * Starts spooling a recording.
   *
   * @return where its asciicast bytes go
   * @throws IOException when the disk is (nearly) full or not writable: the caller fails closed
   */
  OutputStream start(RecordingInfo info) throws IOException {
    Files.createDirectories(directory);
    long free = Files.getFileStore(directory).getUsableSpace();
    if (free < MIN_FREE_BYTES) {
      throw new IOException("the node's disk is full (" + free + " bytes free in " + directory
          + "): sessions are not run unrecorded");
    }
    OutputStream cast = Files.newOutputStream(cast(info.id()), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    Path temporary = file(info.id(), INFO + ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      info.store(out);
    }
    Files.move(temporary, file(info.id(), INFO), StandardCopyOption.ATOMIC_MOVE);
    return cast;
  }

  /** The recording's bytes are final. */
  void finish(UUID id, Instant ended) throws IOException {
    Files.writeString(file(id, DONE), ended.toString(), StandardCharsets.UTF_8);
  }

  /**
   * Ends the recordings a previous run of the agent left open: their sessions died with it. The
   * end time is the last write.
   *
   * @return how many were ended
   */
  public int endInterrupted() throws IOException {
    int ended = 0;
    for (UUID id : pending()) {
      if (ended(id).isEmpty()) {
        finish(id, Files.getLastModifiedTime(cast(id)).toInstant());
        ended++;
      }
    }
    return ended;
  }

  /** Recordings not yet confirmed by the proxy, oldest name first. */
  public List<UUID> pending() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(INFO))
          .map(name -> name.substring(0, name.length() - INFO.length()))
          .sorted()
          .map(UUID::fromString)
          .toList();
    }
  }

  public RecordingInfo info(UUID id) throws IOException {
    try (Reader in = Files.newBufferedReader(file(id, INFO), StandardCharsets.UTF_8)) {
      return RecordingInfo.load(in);
    }
  }

  /** When the session ended, if it has: then the bytes are final. */
  public Optional<Instant> ended(UUID id) throws IOException {
    Path done = file(id, DONE);
    return Files.exists(done)
        ? Optional.of(Instant.parse(Files.readString(done, StandardCharsets.UTF_8).trim()))
        : Optional.empty();
  }

  public Path cast(UUID id) {
    return file(id, CAST);
  }

  /** The proxy confirmed the whole recording: the node's copy goes. */
  public void delete(UUID id) throws IOException {
    Files.deleteIfExists(file(id, DONE));
    Files.deleteIfExists(cast(id));
    Files.deleteIfExists(file(id, INFO));
  }

  private Path file(UUID id, String suffix) {
    return directory.resolve(id + suffix);
  }
}
