package dev.outpost.agent.recording;

import dev.outpost.api.NodeEvent;
import dev.outpost.api.NodeEvents;
import dev.outpost.api.RecordingChunk;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the spools to the proxy, one pass per call, from a single thread. Per recording: ask the
 * proxy how much it holds (resume point), send the rest in checksummed chunks, and once the session
 * has ended send the SHA-256 of the whole; delete the local copy only when the proxy confirms it.
 * Any failure ends the pass; the next pass starts again from what the proxy says it holds, so a
 * lost answer never duplicates or skips bytes.
 */
public final class SpoolUploader implements Runnable {
  /** Each chunk is a signed request (signed here, checked there), so as few as the proxy allows. */
  static final int CHUNK = RecordingChunk.MAX_BYTES;
  private static final Logger LOG = Logger.getLogger(SpoolUploader.class.getName());

  private final RecordingSpool recordings;
  private final EventSpool events;
  private final UploadEndpoint proxy;
  private final NodeRequestSigner signer;
  private boolean failing;

  public SpoolUploader(RecordingSpool recordings, EventSpool events, UploadEndpoint proxy,
      NodeRequestSigner signer) {
    this.recordings = recordings;
    this.events = events;
    this.proxy = proxy;
    this.signer = signer;
  }

  /** One pass over both spools; failures are logged once until a pass succeeds again. */
  @Override
  public void run() {
    try {
      uploadEvents();
      for (UUID id : recordings.pending()) {
        try {
          upload(id);
        } catch (ApiException answer) {
          if (!isRefusal(answer)) {
            throw answer;
          }
          // the proxy answered and said no: keep the copy, go on with the others
          LOG.warning(() -> "the proxy refused recording " + id + ": " + answer.getMessage());
        }
      }
      if (failing) {
        LOG.info("uploads to the proxy work again");
        failing = false;
      }
    } catch (Exception e) {
      if (!failing) {
        LOG.log(Level.INFO, "upload to the proxy failed; spooled data stays on disk and is retried: "
            + e.getMessage(), LOG.isLoggable(Level.FINE) ? e : null);
        failing = true;
      }
    }
  }

  /**
   * A verdict about this recording (bad request, forbidden, conflict), as opposed to a proxy that
   * is starting or stopping (404 before the application is deployed, 5xx): those end the pass
   * like a connection failure and are retried quietly.
   */
  static boolean isRefusal(ApiException answer) {
    return answer.status() == 400 || answer.status() == 403 || answer.status() == 409;
  }

  /** Uploads one recording as far as it goes; whether the proxy now has it complete. */
  boolean upload(UUID id) throws Exception {
    String key = id.toString();
    RecordingInfo info = recordings.info(id);
    NodeRequestSigner.Signed openProof = signer.sign(RecordingOpen.subject(key));
    RecordingStatus status = proxy.open(key, new RecordingOpen(openProof.proof(),
        openProof.timestamp(), info.sessionId(), info.user(), info.login(), info.started()));
    if (!status.complete()) {
      // read the end marker first: once it exists, the size read next is final
      Optional<Instant> ended = recordings.ended(id);
      Path cast = recordings.cast(id);
      long local = Files.size(cast);
      long offset = status.size();
      if (offset > local) {
        throw new IOException("the proxy holds " + offset + " bytes of recording " + id
            + ", more than the " + local + " on this node");
      }
      while (offset < local) {
        offset = sendChunk(key, cast, offset, (int) Math.min(CHUNK, local - offset));
      }
      if (ended.isEmpty()) {
        return false;
      }
      String sha256 = sha256(cast);
      NodeRequestSigner.Signed proof = signer.sign(RecordingComplete.subject(key, local, sha256));
      status = proxy.complete(key,
          new RecordingComplete(proof.proof(), proof.timestamp(), local, sha256, ended.get()));
    }
    if (status.complete()) {
      recordings.delete(id);
      LOG.info(() -> "recording " + id + " confirmed by the proxy; local copy deleted");
    }
    return status.complete();
  }

  private long sendChunk(String key, Path cast, long offset, int length) throws Exception {
    byte[] data = new byte[length];
    try (FileChannel channel = FileChannel.open(cast, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(channel.position(offset))) {
      if (in.readNBytes(data, 0, length) != length) {
        throw new IOException("recording " + key + " shrank while it was read");
      }
    }
    String sha256 = HexFormat.of().formatHex(digest().digest(data));
    NodeRequestSigner.Signed proof = signer.sign(RecordingChunk.subject(key, offset, sha256));
    RecordingStatus status = proxy.append(key, new RecordingChunk(proof.proof(), proof.timestamp(),
        offset, data, sha256));
    if (status.size() != offset + length) {
      throw new IOException("the proxy holds " + status.size() + " bytes of recording " + key
          + " after a chunk that ends at " + (offset + length));
    }
    return status.size();
  }

  private void uploadEvents() throws Exception {
    for (List<NodeEvent> batch = events.pending(NodeEvents.MAX_EVENTS); !batch.isEmpty();
        batch = events.pending(NodeEvents.MAX_EVENTS)) {
      NodeRequestSigner.Signed proof = signer.sign(NodeEvents.subject(batch));
      proxy.events(new NodeEvents(proof.proof(), proof.timestamp(), batch));
      events.delete(batch);
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
