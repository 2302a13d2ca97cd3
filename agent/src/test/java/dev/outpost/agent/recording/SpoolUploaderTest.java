package dev.outpost.agent.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.api.NodeEvent;
import dev.outpost.api.NodeEvents;
import dev.outpost.api.RecordingChunk;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.client.http.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk first, upload later: while the proxy is unreachable everything stays spooled; an upload
 * interrupted anywhere resumes from what the proxy holds without duplicating or skipping bytes;
 * the node's copy goes only after the proxy confirmed the checksum.
 */
class SpoolUploaderTest {
  @TempDir Path data;

  private final FakeProxy proxy = new FakeProxy();
  private RecordingSpool recordings;
  private EventSpool events;
  private SpoolUploader uploader;

  @BeforeEach
  void spools() throws Exception {
    recordings = new RecordingSpool(data.resolve("recordings"));
    events = new EventSpool(data.resolve("events"));
    Instant now = Instant.now();
    CurrentIdentity identity = new CurrentIdentity(Fixtures.identity(Fixtures.ed25519(),
        Fixtures.ed25519(), now.minusSeconds(60), now.plusSeconds(3600)));
    uploader = new SpoolUploader(recordings, events, proxy,
        new NodeRequestSigner(identity, Clock.systemUTC()));
  }

  @Test
  void uploadsGrowingRecordingAndDeletesItOnlyAfterConfirmation() throws Exception {
    UUID id = UUID.randomUUID();
    byte[] first = random(SpoolUploader.CHUNK + 100);
    OutputStream cast = recordings.start(info(id));
    cast.write(first);
    cast.flush();

    uploader.run();
    assertArrayEquals(first, proxy.stored(id), "a live recording is uploaded as it grows");
    assertTrue(Files.exists(recordings.cast(id)), "not ended: kept");

    byte[] rest = random(1000);
    cast.write(rest);
    cast.close();
    recordings.finish(id, Instant.now());
    uploader.run();

    assertArrayEquals(concat(first, rest), proxy.stored(id));
    assertTrue(proxy.complete.contains(id));
    assertFalse(Files.exists(recordings.cast(id)), "confirmed: deleted");
    assertEquals(List.of(), recordings.pending());
  }

  @Test
  void keepsEverythingWhileTheProxyIsUnreachableAndCompletesLater() throws Exception {
    UUID id = ended(random(3 * SpoolUploader.CHUNK));
    events.add(event());
    proxy.reachable = false;

    uploader.run();
    assertTrue(Files.exists(recordings.cast(id)));
    assertEquals(1, events.pending(10).size());

    proxy.reachable = true;
    uploader.run();
    assertTrue(proxy.complete.contains(id));
    assertEquals(1, proxy.events.size());
    assertEquals(List.of(), events.pending(10));
    assertEquals(List.of(), recordings.pending());
  }

  @Test
  void resumesAfterLostAnswersWithoutDuplicatingBytes() throws Exception {
    byte[] bytes = random(5 * SpoolUploader.CHUNK + 7);
    UUID id = ended(bytes);
    for (int pass = 0; pass < 10 && !proxy.complete.contains(id); pass++) {
      proxy.loseAnswerOfChunk = 2;
      uploader.run();
    }
    assertTrue(proxy.complete.contains(id));
    assertArrayEquals(bytes, proxy.stored(id));
    assertTrue(proxy.refusedReplays == 0, "never sent a chunk the proxy already had");
  }

  @Test
  void deliversEventsAgainUntilAcceptedAndTheProxyKeepsThemOnce() throws Exception {
    NodeEvent event = event();
    events.add(event);
    proxy.loseEventAnswer = true;
    uploader.run();
    uploader.run();
    assertEquals(List.of(event.id()), proxy.events, "kept once although delivered twice");
    assertEquals(List.of(), events.pending(10));
  }

  @Test
  void onlyVerdictsCountAsRefusalsNotAProxyThatIsStarting() {
    assertTrue(SpoolUploader.isRefusal(new ApiException(409, "does not match")));
    assertTrue(SpoolUploader.isRefusal(new ApiException(400, "checksum mismatch")));
    assertFalse(SpoolUploader.isRefusal(new ApiException(404, "not deployed yet")));
    assertFalse(SpoolUploader.isRefusal(new ApiException(503, "starting")));
  }

  private UUID ended(byte[] bytes) throws IOException {
    UUID id = UUID.randomUUID();
    try (OutputStream cast = recordings.start(info(id))) {
      cast.write(bytes);
    }
    recordings.finish(id, Instant.now());
    return id;
  }

  private static RecordingInfo info(UUID id) {
    return new RecordingInfo(id, UUID.randomUUID(), "alice", "root", Instant.now());
  }

  private static NodeEvent event() {
    return new NodeEvent(UUID.randomUUID(), Instant.now(), "exec", null, "alice", "root", "ls",
        "SUCCESS", "exit status 0");
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** The proxy's rules (append at the stored end only, checksums), with failures on demand. */
  private static final class FakeProxy implements UploadEndpoint {
    final Map<UUID, ByteArrayOutputStream> bytes = new HashMap<>();
    final List<UUID> complete = new ArrayList<>();
    final List<UUID> events = new ArrayList<>();
    boolean reachable = true;
    boolean loseEventAnswer;
    int loseAnswerOfChunk = -1;
    int refusedReplays;

    byte[] stored(UUID id) {
      return bytes.get(id).toByteArray();
    }

    @Override
    public RecordingStatus open(String id, RecordingOpen request) throws IOException {
      check();
      UUID key = UUID.fromString(id);
      bytes.computeIfAbsent(key, k -> new ByteArrayOutputStream());
      return new RecordingStatus(id, bytes.get(key).size(), complete.contains(key));
    }

    @Override
    public RecordingStatus append(String id, RecordingChunk chunk) throws Exception {
      check();
      ByteArrayOutputStream stored = bytes.get(UUID.fromString(id));
      if (chunk.offset() != stored.size()) {
        refusedReplays++;
        throw new IOException("offset " + chunk.offset() + " but " + stored.size() + " stored");
      }
      byte[] data = chunk.data();
      if (!sha256(data).equals(chunk.sha256())) {
        throw new IOException("checksum");
      }
      stored.writeBytes(data);
      if (loseAnswerOfChunk-- == 0) {
        throw new IOException("connection reset before the answer");
      }
      return new RecordingStatus(id, stored.size(), false);
    }

    @Override
    public RecordingStatus complete(String id, RecordingComplete request) throws Exception {
      check();
      UUID key = UUID.fromString(id);
      byte[] stored = stored(key);
      if (stored.length == request.size() && sha256(stored).equals(request.sha256())) {
        complete.add(key);
      }
      return new RecordingStatus(id, stored.length, complete.contains(key));
    }

    @Override
    public void events(NodeEvents batch) throws IOException {
      check();
      batch.events().stream().map(NodeEvent::id).filter(id -> !events.contains(id))
          .forEach(events::add);
      if (loseEventAnswer) {
        loseEventAnswer = false;
        throw new IOException("connection reset before the answer");
      }
    }

    private void check() throws IOException {
      if (!reachable) {
        throw new IOException("proxy unreachable");
      }
    }

    private static String sha256(byte[] data) throws Exception {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }
}
