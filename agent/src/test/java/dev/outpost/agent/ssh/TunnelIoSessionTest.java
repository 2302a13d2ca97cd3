package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.TunnelStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Test;

/** MINA SSHD's session on a tunnel stream: what it reads, writes, pauses and closes. */
class TunnelIoSessionTest {
  private static final long WAIT_SECONDS = 10;

  private final FakeStream stream = new FakeStream();
  private final RecordingHandler handler = new RecordingHandler();
  private final TunnelIoSession session = new TunnelIoSession(stream, handler, new TunnelIoService(),
      new InetSocketAddress(0), new InetSocketAddress(0));

  @Test
  void minaReadsTheStreamAndWritesIntoItUntilTheStreamEnds() throws Exception {
    CompletableFuture<Splice.Transferred> running = CompletableFuture.supplyAsync(session::run);
    stream.feed("hello ".getBytes(StandardCharsets.US_ASCII));
    assertEquals("hello ", handler.nextMessage());
    IoWriteFuture written = session.writeBuffer(new ByteArrayBuffer("packet".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(written.isWritten());
    assertEquals("packet", stream.written());

    stream.end();
    Splice.Transferred transferred = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(new Splice.Transferred(6, 6), transferred);
    assertEquals(List.of("created", "closed"), handler.lifecycle);
    assertTrue(stream.closed, "closing the session closes the stream");
    assertTrue(session.isClosed());
  }

  @Test
  void suspendedReadingHoldsTheNextChunkUntilResumed() throws Exception {
    CompletableFuture<Splice.Transferred> running = CompletableFuture.supplyAsync(session::run);
    stream.feed(new byte[] {1});
    handler.nextMessage();
    session.suspendRead();
    stream.feed(new byte[] {2});
    assertNull(handler.messages.poll(300, TimeUnit.MILLISECONDS), "delivered while suspended");
    session.resumeRead();
    assertArrayEquals(new byte[] {2}, handler.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    session.close(true);
    running.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aFailedWriteFailsItsFutureAndTellsMina() throws Exception {
    stream.failWrites = true;
    IoWriteFuture written = session.writeBuffer(new ByteArrayBuffer(new byte[] {1, 2, 3}));
    assertFalse(written.isWritten());
    assertInstanceOf(IOException.class, written.getException());
    assertEquals(1, handler.exceptions.get());
  }

  @Test
  void minaClosingTheSessionEndsTheReaderAndTellsMinaOnce() throws Exception {
    CompletableFuture<Splice.Transferred> running = CompletableFuture.supplyAsync(session::run);
    stream.feed(new byte[] {1});
    handler.nextMessage();
    session.close(true);
    running.get(WAIT_SECONDS, TimeUnit.SECONDS);
    session.close(true);
    assertEquals(List.of("created", "closed"), handler.lifecycle);
    assertTrue(stream.closed);
  }

  /** A stream whose input the test feeds and whose output it reads. */
  private static final class FakeStream implements TunnelStream {
    private final PipedOutputStream feed = new PipedOutputStream();
    private final PipedInputStream input;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    volatile boolean closed;
    volatile boolean failWrites;

    FakeStream() {
      try {
        input = new PipedInputStream(feed);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void feed(byte[] bytes) throws IOException {
      feed.write(bytes);
      feed.flush();
    }

    void end() throws IOException {
      feed.close();
    }

    synchronized String written() {
      return output.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public int id() {
      return 1;
    }

    @Override
    public String target() {
      return "ssh";
    }

    @Override
    public InputStream input() {
      return input;
    }

    @Override
    public OutputStream output() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          if (failWrites) {
            throw new IOException("stream reset by peer");
          }
          synchronized (FakeStream.this) {
            output.write(bytes, offset, length);
          }
        }
      };
    }

    @Override
    public void reset(String reason) {
      close();
    }

    @Override
    public void close() {
      closed = true;
      try {
        feed.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Stands in for MINA's session factory: records what the I/O session tells it. */
  private static final class RecordingHandler implements IoHandler {
    final List<String> lifecycle = new CopyOnWriteArrayList<>();
    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    final AtomicInteger exceptions = new AtomicInteger();

    String nextMessage() throws InterruptedException {
      byte[] message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      return message == null ? null : new String(message, StandardCharsets.US_ASCII);
    }

    @Override
    public void sessionCreated(IoSession session) {
      lifecycle.add("created");
    }

    @Override
    public void sessionClosed(IoSession session) {
      lifecycle.add("closed");
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
      exceptions.incrementAndGet();
    }

    @Override
    public void messageReceived(IoSession session, Readable message) {
      byte[] bytes = new byte[message.available()];
      message.getRawBytes(bytes, 0, bytes.length);
      messages.add(bytes);
    }
  }
}
