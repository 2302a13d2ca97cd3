package dev.outpost.application.audit;

import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Audit events the database could not take, in an append-only file: one JSON object per line, each
 * line forced to disk before {@link #append} returns. Replay {@link #read}s the lines in the order
 * written and {@link #drop}s the prefix it has written to the database. A line torn by a crash does
 * not parse: it is skipped with a warning and dropped with the lines before it.
 */
public final class AuditJournal {
  private static final Logger LOG = Logger.getLogger(AuditJournal.class.getName());
  private static final int FORMAT = 1;
  private static final byte NEWLINE = '\n';
  private static final FileAttribute<?> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<?> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path file;
  /** Bytes {@link #drop} removed since the last {@link #read}: its offsets are the read's. */
  private long dropped;

  public AuditJournal(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /**
   * Appends {@code event} and forces it to disk.
   *
   * @throws UncheckedIOException when the file cannot take it: then the event is lost
   */
  public synchronized void append(AuditEvent event) {
    byte[] line = (toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      boolean created = Files.notExists(file);
      if (created) {
        Files.createDirectories(file.getParent(), OWNER_ONLY_DIRECTORY);
        createOwnerOnly(file);
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
          StandardOpenOption.READ)) {
        writeFully(channel, tornLineEnd(channel), line);
        channel.force(false);
      }
      if (created) {
        forceDirectory();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot journal audit event " + event.id() + " in " + file, e);
    }
  }

  /** Whether nothing waits for replay. */
  public synchronized boolean isEmpty() {
    try {
      return Files.size(file) == 0;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit journal " + file, e);
    }
  }

  /** The journaled events, oldest first, each with the file offset just after its line. */
  public synchronized List<Entry> read() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit journal " + file, e);
    }
    dropped = 0;
    List<Entry> entries = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != NEWLINE) {
        end++;
      }
      lineNumber++;
      String line = new String(content, start, end - start, StandardCharsets.UTF_8);
      long next = Math.min(end + 1L, content.length);
      try {
        entries.add(new Entry(fromJson(line), next));
      } catch (RuntimeException e) {
        LOG.warning("audit journal " + file + " line " + lineNumber
            + " is not a whole event (torn by a crash?) and is skipped: " + e.getMessage());
        entries.add(new Entry(null, next));
      }
      start = end + 1;
    }
    return entries;
  }

  /**
   * Removes everything before {@code offset}, which an entry of the last {@link #read} gave; events
   * appended since that read are kept, however often it is called.
   */
  public synchronized void drop(long offset) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = channel.size();
      long start = offset - dropped;
      dropped = offset;
      if (start >= size) {
        channel.truncate(0);
        channel.force(true);
        return;
      }
      Path rest = file.resolveSibling(file.getFileName() + ".rest");
      Files.deleteIfExists(rest);
      createOwnerOnly(rest);
      try (FileChannel copy = FileChannel.open(rest, StandardOpenOption.WRITE)) {
        channel.transferTo(start, size - start, copy);
        copy.force(true);
      }
      Files.move(rest, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
    } catch (NoSuchFileException e) {
      // nothing journaled
    } catch (IOException e) {
      throw new UncheckedIOException("cannot shorten audit journal " + file, e);
    }
  }

  /**
   * One line of the journal.
   *
   * @param event the event, or null when the line did not parse
   * @param end the offset just after the line
   */
  public record Entry(AuditEvent event, long end) {}

  /** A line torn by a crash gets its end, so that the next event starts a line of its own. */
  private static byte[] tornLineEnd(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return new byte[0];
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0) == NEWLINE ? new byte[0] : new byte[] {NEWLINE};
  }

  private static void writeFully(FileChannel channel, byte[] prefix, byte[] line)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(prefix.length + line.length).put(prefix).put(line)
        .flip();
    long position = channel.size();
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  /** The journal is as sensitive as the audit log: names, addresses, reasons. */
  private static void createOwnerOnly(Path path) throws IOException {
    Files.createFile(path, OWNER_ONLY_FILE);
  }

  /** A new or renamed file is only durable once its directory entry is. */
  private void forceDirectory() throws IOException {
    try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  static String toJson(AuditEvent event) {
    AuditRecord record = event.record();
    JsonObjectBuilder json = Json.createObjectBuilder()
        .add("v", FORMAT)
        .add("id", event.id().toString())
        .add("time", event.time().toString())
        .add("cluster", event.cluster())
        .add("type", record.type().wireName())
        .add("outcome", record.outcome().name());
    addIfPresent(json, "actor", record.actor());
    addIfPresent(json, "target", record.target());
    addIfPresent(json, "node", record.node());
    addIfPresent(json, "login", record.login());
    addIfPresent(json, "session_id",
        record.sessionId() == null ? null : record.sessionId().toString());
    addIfPresent(json, "remote_addr", record.remoteAddr());
    addIfPresent(json, "message", record.message());
    return json.build().toString();
  }

  static AuditEvent fromJson(String line) {
    JsonObject json;
    try (JsonReader reader = Json.createReader(new StringReader(line))) {
      json = reader.readObject();
    } catch (JsonException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (json.getInt("v", 0) != FORMAT) {
      throw new IllegalArgumentException("unknown journal format " + json.get("v"));
    }
    String session = json.getString("session_id", null);
    AuditRecord record = new AuditRecord(
        AuditEventType.fromWireName(json.getString("type")),
        Outcome.valueOf(json.getString("outcome")),
        json.getString("actor", null),
        json.getString("target", null),
        json.getString("node", null),
        json.getString("login", null),
        session == null ? null : UUID.fromString(session),
        json.getString("remote_addr", null),
        json.getString("message", null));
    return new AuditEvent(UUID.fromString(json.getString("id")), record,
        Instant.parse(json.getString("time")), json.getString("cluster"));
  }

  private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }
}
