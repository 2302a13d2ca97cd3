package dev.outpost.application.recording;

import dev.outpost.api.RecordingChunk;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingId;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import dev.outpost.domain.recording.RecordingStore.OffsetMismatchException;
import dev.outpost.domain.shared.OutpostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The proxy's side of a recording upload. Append-only and idempotent where it can be: announcing
 * twice is harmless and tells the node where to resume; a chunk is stored only at the offset where
 * the stored bytes end and only when its checksum matches; the whole is confirmed only when the
 * node's size and SHA-256 are exactly what is stored. Everything else is refused with the reason
 * and stores nothing.
 */
public final class RecordingUploads {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final NodeAuthenticator verifier;
  private final RecordingRepository recordings;
  private final RecordingStore store;
  private final String cluster;
  private final Clock clock;

  public RecordingUploads(NodeAuthenticator verifier, RecordingRepository recordings,
      RecordingStore store, String cluster, Clock clock) {
    this.verifier = verifier;
    this.recordings = recordings;
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
  }

  public RecordingStatus open(String rawId, RecordingOpen request) {
    UUID id = RecordingId.parse(rawId);
    required(request);
    String node = verifier.verify(request.proof(), RecordingOpen.subject(rawId),
        request.timestamp());
    Recording recording = recordings.find(id).orElse(null);
    if (recording == null) {
      if (request.started() == null) {
        throw OutpostException.badRequest("started is required");
      }
      recording = new Recording(id, cluster, node, request.sessionId(), request.user(),
          request.login(), request.started());
      recordings.add(recording);
    } else {
      recording.requireNode(node);
    }
    return status(recording);
  }

  public RecordingStatus append(String rawId, RecordingChunk chunk) {
    UUID id = RecordingId.parse(rawId);
    required(chunk);
    String checksum = checksum(chunk.sha256());
    String node = verifier.verify(chunk.proof(),
        RecordingChunk.subject(rawId, chunk.offset(), checksum), chunk.timestamp());
    Recording recording = known(id, node);
    recording.requireOpen();
    byte[] data = chunk.data();
    if (data == null || data.length == 0) {
      throw OutpostException.badRequest("chunk data is empty");
    }
    if (data.length > RecordingChunk.MAX_BYTES) {
      throw OutpostException.badRequest("chunk is larger than " + RecordingChunk.MAX_BYTES + " bytes");
    }
    if (!sha256(data).equals(checksum)) {
      throw OutpostException.badRequest("chunk checksum mismatch: the " + data.length
          + " bytes received do not hash to " + checksum);
    }
    try {
      long stored = store.size(id);
      if (chunk.offset() < 0 || chunk.offset() > stored) {
        throw OutpostException.badRequest("offset " + chunk.offset()
            + " is out of range: recording " + id + " holds " + stored + " bytes");
      }
      if (chunk.offset() < stored) {
        throw OutpostException.conflict("chunk at offset " + chunk.offset()
            + " is already stored: recording " + id + " holds " + stored + " bytes");
      }
      store.append(id, chunk.offset(), data);
    } catch (OffsetMismatchException e) {
      throw OutpostException.conflict("chunk at offset " + chunk.offset() + " raced another: "
          + "recording " + id + " holds " + e.stored() + " bytes");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store recording " + id, e);
    }
    return status(recording);
  }

  public RecordingStatus complete(String rawId, RecordingComplete request) {
    UUID id = RecordingId.parse(rawId);
    required(request);
    String checksum = checksum(request.sha256());
    String node = verifier.verify(request.proof(),
        RecordingComplete.subject(rawId, request.size(), checksum), request.timestamp());
    Recording recording = known(id, node);
    if (recording.isComplete()) {
      if (recording.sha256().orElse("").equals(checksum) && recording.size() == request.size()) {
        return status(recording);
      }
      recording.requireOpen();
    }
    try {
      long stored = store.size(id);
      String storedChecksum = store.sha256(id);
      if (stored != request.size() || !storedChecksum.equals(checksum)) {
        throw OutpostException.conflict("recording " + id + " does not match: the proxy holds "
            + stored + " bytes with SHA-256 " + storedChecksum + ", the node has "
            + request.size() + " bytes with " + checksum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + id, e);
    }
    recording.completed(request.size(), checksum, request.ended(), clock.instant());
    return status(recording);
  }

  private Recording known(UUID id, String node) {
    Recording recording = recordings.find(id).orElseThrow(() -> OutpostException.notFound(
        "recording " + id + " is not announced: open it first"));
    recording.requireNode(node);
    return recording;
  }

  private static <T> T required(T body) {
    if (body == null) {
      throw OutpostException.badRequest("request body is required");
    }
    return body;
  }

  private static String checksum(String hex) {
    String normalised = hex == null ? "" : hex.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(normalised).matches()) {
      throw OutpostException.badRequest("sha256 must be 64 hex digits");
    }
    return normalised;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The stored bytes are the truth about where to resume, whatever the row last said. */
  private RecordingStatus status(Recording recording) {
    try {
      long stored = store.size(recording.id());
      if (!recording.isComplete()) {
        recording.grew(stored);
      }
      return new RecordingStatus(recording.id().toString(), stored, recording.isComplete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + recording.id(), e);
    }
  }
}
