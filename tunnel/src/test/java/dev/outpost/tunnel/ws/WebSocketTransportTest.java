package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.FrameTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport driven the way the JDK drives it, against a recording WebSocket. */
class WebSocketTransportTest {
  private static final int MAX_MESSAGE = 10;

  private final StubWebSocket socket = new StubWebSocket();
  private final WebSocketTransport transport = new WebSocketTransport(MAX_MESSAGE);
  private final WebSocket.Listener listener = transport.listener();
  private final Recorder sink = new Recorder();

  @BeforeEach
  void open() {
    listener.onOpen(socket);
  }

  @Test
  void requestsNothingUntilStartedThenOneMessageAtATime() {
    assertEquals(0, socket.requested);
    transport.start(sink);
    assertEquals(1, socket.requested);
    listener.onBinary(socket, bytes("abc"), true);
    assertEquals(2, socket.requested);
  }

  @Test
  void aWholeMessagePassesThroughUncopied() {
    transport.start(sink);
    ByteBuffer message = bytes("abc");
    listener.onBinary(socket, message, true);
    assertSame(message, sink.frames.get(0));
  }

  @Test
  void joinsMessagesThatArriveInParts() {
    transport.start(sink);
    listener.onBinary(socket, bytes("ab"), false);
    listener.onBinary(socket, bytes("cd"), false);
    assertTrue(sink.frames.isEmpty());
    listener.onBinary(socket, bytes("e"), true);
    listener.onBinary(socket, bytes("f"), true);
    assertEquals(List.of(bytes("abcde"), bytes("f")), sink.frames);
    assertEquals(5, socket.requested, "one request per part, after start's first");
  }

  @Test
  void aMessageOverTheCapClosesWithMessageTooBig() {
    transport.start(sink);
    listener.onBinary(socket, bytes("123456"), false);
    listener.onBinary(socket, bytes("78901"), true);
    assertEquals(1009, socket.closeCode);
    assertEquals("WebSocket message exceeds the maximum of 10 bytes", sink.closed);
    assertTrue(sink.frames.isEmpty());
  }

  @Test
  void textClosesWithUnsupportedData() {
    transport.start(sink);
    listener.onText(socket, "hello", true);
    assertEquals(1003, socket.closeCode);
    assertEquals("text messages are not part of the tunnel protocol", sink.closed);
  }

  @Test
  void thePeersCloseIsReportedOnce() {
    transport.start(sink);
    listener.onClose(socket, 1001, "going away");
    listener.onError(socket, new IOException("reset"));
    assertEquals("WebSocket closed by peer (1001: going away)", sink.closed);
    assertEquals(1, sink.closings);
  }

  @Test
  void aCloseBeforeStartIsReportedAtStart() {
    listener.onError(socket, new IOException("connection reset"));
    transport.start(sink);
    assertEquals("WebSocket failed: java.io.IOException: connection reset", sink.closed);
    assertEquals(0, socket.requested);
  }

  @Test
  void closingSendsACloseAndDropsTheConnectionOnceThePeerAnswers() {
    transport.start(sink);
    transport.close("x".repeat(200));
    assertEquals(WebSocket.NORMAL_CLOSURE, socket.closeCode);
    assertEquals(123, socket.closeReason.length(), "RFC 6455 caps close reasons at 123 bytes");
    assertFalse(socket.aborted);
    listener.onClose(socket, 1000, "");
    assertTrue(socket.aborted);
  }

  @Test
  void aLargeFrameLeavesAsOneMessageInFragmentsTheProxyGathersCheaply() throws IOException {
    byte[] frame = new byte[2 * WebSocketTransport.FRAGMENT_SIZE + 5];
    new Random(7).nextBytes(frame);
    transport.send(ByteBuffer.wrap(frame));

    assertEquals(List.of(false, false, true), socket.sentLast);
    assertEquals(List.of(WebSocketTransport.FRAGMENT_SIZE, WebSocketTransport.FRAGMENT_SIZE, 5),
        socket.sentParts.stream().map(part -> part.length).toList());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    socket.sentParts.forEach(joined::writeBytes);
    assertArrayEquals(frame, joined.toByteArray());
  }

  @Test
  void aSmallFrameLeavesWhole() throws IOException {
    transport.send(bytes("ping"));
    assertEquals(List.of(true), socket.sentLast);
    assertEquals("ping", new String(socket.sentParts.get(0), StandardCharsets.UTF_8));
  }

  @Test
  void aFailedSendSaysWhy() {
    socket.nextSend = CompletableFuture.failedFuture(new IOException("broken pipe"));
    IOException failed = assertThrows(IOException.class, () -> transport.send(bytes("a")));
    assertEquals("WebSocket send failed: broken pipe", failed.getMessage());
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static final class Recorder implements FrameTransport.FrameSink {
    final List<ByteBuffer> frames = new ArrayList<>();
    String closed;
    int closings;

    @Override
    public void onFrame(ByteBuffer frame) {
      frames.add(frame);
    }

    @Override
    public void onClosed(String reason) {
      closed = reason;
      closings++;
    }
  }
}
