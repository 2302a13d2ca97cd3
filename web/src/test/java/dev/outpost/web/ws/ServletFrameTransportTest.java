package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.FrameTransport;
import dev.outpost.tunnel.TunnelSettings;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The servlet side of the tunnel WebSocket, over fake non-blocking container streams. */
class ServletFrameTransportTest {
  private final FakeInput in = new FakeInput();
  private final FakeOutput out = new FakeOutput();
  private final FakeConnection connection = new FakeConnection(in, out);
  private final Sink sink = new Sink();
  private final ServletFrameTransport transport =
      new ServletFrameTransport(connection, 1024 * 1024, TunnelSettings.defaults());

  ServletFrameTransportTest() {
    transport.start(sink);
  }

  @Test
  void deliversAMaskedMessageArrivingInPieces() throws Exception {
    byte[] message = "a tunnel frame".getBytes(StandardCharsets.UTF_8);
    byte[] frame = masked(0x82, message);
    in.arrive(Arrays.copyOfRange(frame, 0, 3), Arrays.copyOfRange(frame, 3, frame.length));
    assertArrayEquals(message, sink.frames.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void handsEachMessageOverInABufferOfItsOwn() throws Exception {
    byte[] first = "first frame".getBytes(StandardCharsets.UTF_8);
    byte[] second = "second frame".getBytes(StandardCharsets.UTF_8);
    in.arrive(masked(0x82, first), masked(0x82, second));
    sink.frames.poll(5, TimeUnit.SECONDS);
    sink.frames.poll(5, TimeUnit.SECONDS);

    assertTrue(transport.handsOverFrames());
    assertEquals(ByteBuffer.wrap(first), sink.kept.poll(), "kept while the next one was read");
    assertEquals(ByteBuffer.wrap(second), sink.kept.poll());
  }

  @Test
  void connectionsReadOnOneThreadKeepTheirOwnBytes() throws Exception {
    FakeInput otherIn = new FakeInput();
    Sink otherSink = new Sink();
    new ServletFrameTransport(new FakeConnection(otherIn, new FakeOutput()), 1024 * 1024, TunnelSettings.defaults())
        .start(otherSink);
    byte[] first = masked(0x82, "the first connection's frame".getBytes(StandardCharsets.UTF_8));
    byte[] second = masked(0x82, "another connection's frame".getBytes(StandardCharsets.UTF_8));
    in.arrive(Arrays.copyOfRange(first, 0, 10));
    otherIn.arrive(second);
    in.arrive(Arrays.copyOfRange(first, 10, first.length));
    assertArrayEquals("the first connection's frame".getBytes(StandardCharsets.UTF_8),
        sink.frames.poll(5, TimeUnit.SECONDS));
    assertArrayEquals("another connection's frame".getBytes(StandardCharsets.UTF_8),
        otherSink.frames.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void sendsUnmaskedBinaryFramesOnlyWhileTheOutputIsReady() throws Exception {
    out.ready = false;
    byte[] payload = new byte[300];
    Arrays.fill(payload, (byte) 7);
    CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
      try {
        transport.send(ByteBuffer.wrap(payload));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(200);
    assertFalse(sent.isDone(), "a send waits while the container is not ready");
    assertEquals(0, out.written().length);
    out.ready = true;
    out.listener.onWritePossible();
    sent.get(5, TimeUnit.SECONDS);
    byte[] expected = ByteBuffer.allocate(4 + 300).put((byte) 0x82).put((byte) 126).putShort((short) 300)
        .put(payload).array();
    assertArrayEquals(expected, out.written());
  }

  @Test
  void answersPingsWithPongs() throws Exception {
    in.arrive(masked(0x89, new byte[] {1, 2, 3}));
    assertArrayEquals(new byte[] {(byte) 0x8A, 3, 1, 2, 3}, out.awaitWritten(5));
  }

  @Test
  void answersTheClientsCloseAndDropsTheConnection() throws Exception {
    in.arrive(masked(0x88, new byte[] {0x03, (byte) 0xE9, 'b', 'y', 'e'}));
    assertEquals("WebSocket closed by peer (1001: bye)", sink.closed.get(5, TimeUnit.SECONDS));
    assertArrayEquals(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE9}, out.awaitWritten(4));
    connection.closed.get(5, TimeUnit.SECONDS);
  }

  @Test
  void closesWithTheViolationsCodeWhenTheClientBreaksTheProtocol() throws Exception {
    in.arrive(new byte[] {(byte) 0x82, 0x01, 0x00});
    assertEquals("WebSocket protocol error: unmasked frame from a client", sink.closed.get(5, TimeUnit.SECONDS));
    byte[] close = out.awaitWritten(4 + "unmasked frame from a client".length());
    assertEquals(1002, ByteBuffer.wrap(close, 2, 2).getShort());
    connection.closed.get(5, TimeUnit.SECONDS);
  }

  @Test
  void closingSendsACloseFrameAndDropsTheConnectionWhenThePeerAnswers() throws Exception {
    transport.close("going away");
    byte[] close = out.awaitWritten(4 + "going away".length());
    assertEquals(1000, ByteBuffer.wrap(close, 2, 2).getShort());
    assertFalse(connection.closed.isDone());
    in.arrive(masked(0x88, new byte[] {0x03, (byte) 0xE8}));
    connection.closed.get(5, TimeUnit.SECONDS);
    assertTrue(sink.closed.isDone());
  }

  @Test
  void tellsTheTunnelWhenTheConnectionEndsWithoutAClose() throws Exception {
    in.listener.onAllDataRead();
    assertEquals("connection closed without a WebSocket close", sink.closed.get(5, TimeUnit.SECONDS));
    connection.closed.get(5, TimeUnit.SECONDS);
  }

  /** A client frame: {@code first} byte, a short length, a mask and the masked payload. */
  private static byte[] masked(int first, byte[] payload) {
    byte[] key = {0x11, 0x22, 0x33, 0x44};
    ByteBuffer frame = ByteBuffer.allocate(6 + payload.length).put((byte) first)
        .put((byte) (0x80 | payload.length)).put(key);
    for (int i = 0; i < payload.length; i++) {
      frame.put((byte) (payload[i] ^ key[i % 4]));
    }
    return frame.array();
  }

  private static final class Sink implements FrameTransport.FrameSink {
    final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    final Queue<ByteBuffer> kept = new ConcurrentLinkedQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();

    @Override
    public void onFrame(ByteBuffer frame) {
      kept.add(frame);
      byte[] bytes = new byte[frame.remaining()];
      frame.duplicate().get(bytes);
      frames.add(bytes);
    }

    @Override
    public void onClosed(String reason) {
      closed.complete(reason);
    }
  }

  /** Bytes arrive when the test says; the listener is called as the container would. */
  private static final class FakeInput extends ServletInputStream {
    private final Queue<byte[]> pending = new ArrayDeque<>();
    ReadListener listener;

    void arrive(byte[]... chunks) throws IOException {
      synchronized (this) {
        pending.addAll(Arrays.asList(chunks));
      }
      listener.onDataAvailable();
    }

    @Override
    public synchronized boolean isReady() {
      return !pending.isEmpty();
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      byte[] chunk = pending.remove();
      System.arraycopy(chunk, 0, buffer, offset, chunk.length);
      return chunk.length;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException("reads go by arrays");
    }

    @Override
    public boolean isFinished() {
      return false;
    }

    @Override
    public void setReadListener(ReadListener readListener) {
      listener = readListener;
    }
  }

  private static final class FakeOutput extends ServletOutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    volatile boolean ready = true;
    WriteListener listener;

    synchronized byte[] written() {
      return bytes.toByteArray();
    }

    byte[] awaitWritten(int length) throws InterruptedException {
      for (int i = 0; i < 500 && written().length < length; i++) {
        Thread.sleep(10);
      }
      return written();
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public synchronized void write(int b) {
      check();
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      check();
      bytes.write(b, off, len);
    }

    private void check() {
      if (!ready) {
        throw new IllegalStateException("written while not ready");
      }
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
      listener = writeListener;
    }
  }

  private static final class FakeConnection implements WebConnection {
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final FakeInput in;
    private final FakeOutput out;

    FakeConnection(FakeInput in, FakeOutput out) {
      this.in = in;
      this.out = out;
    }

    @Override
    public ServletInputStream getInputStream() {
      return in;
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return out;
    }

    @Override
    public void close() {
      closed.complete(null);
    }
  }
}
