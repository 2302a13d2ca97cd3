package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.http.HttpHeadException;
import dev.outpost.tunnel.ws.ScriptedServer.Peer;
import dev.outpost.tunnel.ws.ScriptedServer.RawFrame;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's WebSocket against a server whose every byte the test writes and reads. */
@Timeout(20)
class WebSocketTransportTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_MESSAGE = 64 * 1024;

  private final ScriptedServer server = ScriptedServer.plain();
  private final Recorder sink = new Recorder();

  WebSocketTransportTest() throws IOException {}

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void upgradesWithTheCallersHeadersAndNoOrigin() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of("X-Outpost-Node", "node-1"));
    Peer accepted = peer.get();
    assertEquals("GET /api/v1/tunnel/agent?x=1 HTTP/1.1", accepted.request().startLine());
    assertEquals(Optional.of("node-1"), accepted.request().header("X-Outpost-Node"));
    assertEquals(Optional.of("13"), accepted.request().header("Sec-WebSocket-Version"));
    assertEquals(Optional.of(server.uri("/").getAuthority()), accepted.request().header("Host"));
    assertFalse(accepted.request().header("Origin").isPresent());
    transport.close("done");
  }

  @Test
  void theCallerCannotSetAnOrigin() {
    assertThrows(IllegalArgumentException.class, () -> connect(Map.of("Origin", "https://x")));
  }

  @Test
  void aRefusalCarriesTheStatusAndTheRetryHint() {
    server.accept(request -> "HTTP/1.1 503 Busy\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n");
    UpgradeRefusedException refused =
        assertThrows(UpgradeRefusedException.class, () -> connect(Map.of()));
    assertEquals(503, refused.status());
    assertEquals(Optional.of(Duration.ofSeconds(7)), refused.retryAfter());
    assertEquals("WebSocket upgrade to " + uri() + " refused with HTTP 503 (retry after 7 s)",
        refused.getMessage());
  }

  @Test
  void aSwitchWithTheWrongAcceptIsRefused() {
    server.accept(request -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
        + WebSocketHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==") + "\r\n\r\n");
    WebSocketProtocolException wrong =
        assertThrows(WebSocketProtocolException.class, () -> connect(Map.of()));
    assertTrue(wrong.getMessage().endsWith("Sec-WebSocket-Accept does not answer this request's key"));
  }

  @Test
  void anEndlessAnswerHeadIsCutOff() {
    server.accept(request -> "HTTP/1.1 101 Switching Protocols\r\nX: " + "y".repeat(70_000) + "\r\n\r\n");
    assertThrows(HttpHeadException.class, () -> connect(Map.of()));
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    server.accept(request -> "");
    long start = System.nanoTime();
    assertThrows(java.net.SocketTimeoutException.class, () -> WebSocketTransport.connect(
        uri(), null, Map.of(), MAX_MESSAGE, Duration.ofMillis(300)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
  }

  @Test
  void sendsEachFrameWholeAndMaskedWithAFreshKeyLeavingTheBufferAlone() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    byte[] large = new byte[3 * MaskedFrameWriter.BUFFER_SIZE + 17];
    new Random(3).nextBytes(large);
    ByteBuffer frame = ByteBuffer.wrap(large.clone()).position(5).slice();
    transport.send(frame);
    transport.send(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));

    RawFrame first = accepted.readFrame();
    assertTrue(first.masked() && first.fin());
    assertEquals(WebSocketFrames.BINARY, first.opcode());
    assertArrayEquals(Arrays.copyOfRange(large, 5, large.length), first.payload());
    assertEquals(0, frame.position(), "the caller's buffer is left as it was");
    assertArrayEquals(large, frame.array(), "and its bytes too");
    assertEquals("hi", new String(accepted.readFrame().payload(), StandardCharsets.UTF_8));
    transport.close("done");
  }

  @Test
  void masksEveryFrameWithAnotherKey() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      transport.send(ByteBuffer.allocate(4)); // zeros: the masked bytes are the key
    }
    for (int i = 0; i < 20; i++) {
      accepted.in().readUnsignedShort();
      byte[] masked = new byte[8];
      accepted.in().readFully(masked);
      assertEquals(HexFormat.of().formatHex(masked, 0, 4), HexFormat.of().formatHex(masked, 4, 8));
      keys.add(HexFormat.of().formatHex(masked, 0, 4));
    }
    assertEquals(20, keys.size());
    transport.close("done");
  }

  @Test
  void concurrentSendsNeverInterleave() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    int perThread = 50;
    Thread[] senders = new Thread[4];
    for (int t = 0; t < senders.length; t++) {
      byte fill = (byte) t;
      senders[t] = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          byte[] bytes = new byte[70_000 + i];
          Arrays.fill(bytes, fill);
          try {
            transport.send(ByteBuffer.wrap(bytes));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      senders[t].start();
    }
    for (int i = 0; i < senders.length * perThread; i++) {
      byte[] payload = accepted.readFrame().payload();
      for (byte b : payload) {
        assertEquals(payload[0], b, "frame " + i + " mixes senders");
      }
    }
    for (Thread sender : senders) {
      sender.join();
    }
    transport.close("done");
  }

  @Test
  void deliversFragmentedMessagesWholeInOneBufferOfTheAnnouncedSize() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    transport.start(sink);
    byte[] payload = new byte[50_000];
    new Random(5).nextBytes(payload);
    byte[] message = ByteBuffer.allocate(10 + payload.length).put((byte) 5).put((byte) 0)
        .putInt(1).putInt(payload.length).put(payload).array();
    ClientFrames frames = new ClientFrames()
        .raw(0x02, Arrays.copyOfRange(message, 0, 100), 0, false, 0)
        .raw(0x89, "are you there".getBytes(StandardCharsets.UTF_8), 0, false, 0)
        .raw(0x00, Arrays.copyOfRange(message, 100, 30_000), 0, false, 2)
        .raw(0x80, Arrays.copyOfRange(message, 30_000, message.length), 0, false, 2);
    accepted.write(frames.toBytes());

    RawFrame pong = accepted.readFrame();
    assertEquals(WebSocketFrames.PONG, pong.opcode());
    assertTrue(pong.masked());
    assertEquals("are you there", new String(pong.payload(), StandardCharsets.UTF_8));
    assertEquals("frame " + HexFormat.of().formatHex(message) + " capacity " + message.length,
        sink.next());
    transport.close("done");
  }

  /**
   * The tunnel keeps the messages it is handed (a stream's input until read; the agent's replay
   * never, but a relay's would): the reader's chunk, reused for every socket read, must never be
   * one of them nor shared with one.
   */
  @Test
  void messagesKeptByTheSinkAreNeverTouchedByLaterReads() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    BlockingQueue<ByteBuffer> kept = new LinkedBlockingQueue<>();
    transport.start(new FrameTransport.FrameSink() {
      @Override
      public void onFrame(ByteBuffer frame) {
        kept.add(frame); // no copy: the transport hands its frames over
      }

      @Override
      public void onClosed(String reason) {}
    });
    Random random = new Random(11);
    ClientFrames frames = new ClientFrames();
    byte[][] sent = new byte[60][];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = new byte[1 + random.nextInt(20_000)];
      random.nextBytes(sent[i]);
      frames.raw(0x82, sent[i], 0, false, ClientFrames.shortestLengthBytes(sent[i].length));
    }
    accepted.write(frames.toBytes()); // many messages per socket read, some across two

    List<ByteBuffer> received = new ArrayList<>();
    for (int i = 0; i < sent.length; i++) {
      ByteBuffer message = kept.poll(5, TimeUnit.SECONDS);
      assertNotEquals(null, message, "message " + i);
      received.add(message);
    }
    for (int i = 0; i < sent.length; i++) {
      assertEquals(ByteBuffer.wrap(sent[i]), received.get(i), "message " + i + " as it arrived");
    }
    transport.close("done");
  }

  @Test
  void aMessageOverTheCapClosesWithMessageTooBig() throws Exception {
    assertFailsWith(new ClientFrames().bytes(0x82, 127, 0, 0, 0, 1, 0, 0, 0, 0).toBytes(),
        CloseCodes.MESSAGE_TOO_BIG, "WebSocket message exceeds the maximum of 65536 bytes");
  }

  @Test
  void aMaskedServerFrameIsAProtocolError() throws Exception {
    assertFailsWith(new ClientFrames().frame(true, 0x2, new byte[3], 0x11223344).toBytes(),
        CloseCodes.PROTOCOL_ERROR, "masked frame from a server");
  }

  @Test
  void aReservedOpcodeIsAProtocolError() throws Exception {
    assertFailsWith(new ClientFrames().raw(0x83, new byte[1], 0, false, 0).toBytes(),
        CloseCodes.PROTOCOL_ERROR, "reserved opcode 0x3");
  }

  @Test
  void textIsRefusedAsUnsupported() throws Exception {
    assertFailsWith(new ClientFrames().raw(0x81, new byte[1], 0, false, 0).toBytes(),
        CloseCodes.UNSUPPORTED_DATA, "text messages are not accepted");
  }

  @Test
  void aConnectionCutMidFrameIsReportedOnce() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    transport.start(sink);
    accepted.write(new ClientFrames().bytes(0x82, 126, 0x10, 0x00, 1, 2, 3).toBytes());
    accepted.socket().close();
    assertEquals("closed: WebSocket ended without a close frame", sink.next());
    assertNull(sink.events.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void theServersCloseIsAnsweredThenTheConnectionDropped() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    transport.start(sink);
    accepted.write(WebSocketFrames.close(1001, "bye"));

    RawFrame answer = accepted.readFrame();
    assertEquals(WebSocketFrames.CLOSE, answer.opcode());
    assertEquals(1001, ByteBuffer.wrap(answer.payload()).getShort());
    assertTrue(accepted.endsStream());
    assertEquals("closed: WebSocket closed by peer (1001: bye)", sink.next());
    assertThrows(IOException.class, () -> transport.send(ByteBuffer.allocate(1)));
    transport.close("late");
    assertNull(sink.events.poll(200, TimeUnit.MILLISECONDS), "the sink is told once");
  }

  @Test
  void closingSendsACloseAndDropsTheConnectionOnceThePeerAnswers() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    transport.start(sink);
    long start = System.nanoTime();
    transport.close("x".repeat(200));
    assertEquals("closed: " + "x".repeat(200), sink.next());

    RawFrame close = accepted.readFrame();
    assertEquals(WebSocketFrames.CLOSE, close.opcode());
    assertEquals(CloseCodes.NORMAL, ByteBuffer.wrap(close.payload()).getShort());
    assertEquals(2 + 123, close.payload().length, "RFC 6455 caps close reasons at 123 bytes");
    accepted.write(WebSocketFrames.close(CloseCodes.NORMAL, ""));
    assertTrue(accepted.endsStream());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "no wait for the grace");
  }

  @Test
  void aCloseBeforeStartIsReportedAtStart() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    peer.get();
    transport.close("early");
    transport.start(sink);
    assertEquals("closed: early", sink.next());
  }

  @Test
  void nothingIsReadUntilStartedAndNothingMoreWhileTheSinkWorks() throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    accepted.write(new ClientFrames().raw(0x82, new byte[] {1}, 0, false, 0)
        .raw(0x82, new byte[] {2}, 0, false, 0).toBytes());
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<Integer> delivered = new LinkedBlockingQueue<>();
    Thread.sleep(100);
    assertTrue(delivered.isEmpty());
    transport.start(new FrameTransport.FrameSink() {
      @Override
      public void onFrame(ByteBuffer frame) {
        delivered.add((int) frame.get(0));
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void onClosed(String reason) {}
    });
    assertEquals(1, delivered.poll(5, TimeUnit.SECONDS));
    assertNull(delivered.poll(300, TimeUnit.MILLISECONDS), "the reader waits for the sink");
    release.countDown();
    assertEquals(2, delivered.poll(5, TimeUnit.SECONDS));
    transport.close("done");
  }

  private void assertFailsWith(byte[] hostile, int code, String reason) throws Exception {
    var peer = server.acceptUpgrade();
    WebSocketTransport transport = connect(Map.of());
    Peer accepted = peer.get();
    transport.start(sink);
    accepted.write(hostile);
    RawFrame close = accepted.readFrame();
    assertEquals(WebSocketFrames.CLOSE, close.opcode());
    ByteBuffer payload = ByteBuffer.wrap(close.payload());
    assertEquals(code, payload.getShort());
    assertEquals(reason, StandardCharsets.UTF_8.decode(payload).toString());
    assertTrue(accepted.endsStream());
    assertEquals("closed: WebSocket protocol error: " + reason, sink.next());
  }

  private URI uri() {
    return server.uri("/api/v1/tunnel/agent?x=1");
  }

  private WebSocketTransport connect(Map<String, String> headers) throws IOException {
    return WebSocketTransport.connect(uri(), null, headers, MAX_MESSAGE, TIMEOUT);
  }

  private static final class Recorder implements FrameTransport.FrameSink {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onFrame(ByteBuffer frame) {
      byte[] bytes = new byte[frame.remaining()];
      frame.duplicate().get(bytes);
      events.add("frame " + HexFormat.of().formatHex(bytes) + " capacity " + frame.capacity());
    }

    @Override
    public void onClosed(String reason) {
      events.add("closed: " + reason);
    }

    String next() throws InterruptedException {
      String event = events.poll(5, TimeUnit.SECONDS);
      assertNotEquals(null, event, "nothing within 5 s");
      return event;
    }
  }
}
