package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameException;
import dev.outpost.tunnel.frame.FrameLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DATA queued behind a busy transport leaves joined, in order, and never across other frames. */
class OutboxTest {
  private static final int LIMIT = 64 * 1024;

  private final FrameCodec codec = new FrameCodec(FrameLimits.MAX_PAYLOAD_CAP);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HeldTransport transport = new HeldTransport();
  private final AtomicInteger sent = new AtomicInteger();
  private final Outbox outbox = new Outbox(transport, codec, executor, 100, reason -> {});

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void dataQueuedBehindABusyTransportLeavesAsOneFrame() throws Exception {
    data(1, "first");
    transport.awaitFirstSend();
    data(1, "a");
    data(1, "b");
    data(1, "c");
    transport.release();

    assertEquals(
        List.of(new Frame.Data(1, bytes("first")), new Frame.Data(1, bytes("abc"))),
        transport.frames(2));
    awaitSent(4);
  }

  @Test
  void joinsNeitherAcrossStreamsNorAcrossControlFramesNorBeyondTheLimit() throws Exception {
    data(1, "first");
    transport.awaitFirstSend();
    data(1, "a");
    data(3, "b");
    outbox.control(new Frame.Window(1, 100));
    data(3, "c");
    data(3, "d");
    outbox.data(
        new Frame.Data(3, ByteBuffer.wrap(new byte[LIMIT - 1])), LIMIT, sent::incrementAndGet);
    transport.release();

    List<Frame> frames = transport.frames(6);
    assertEquals(new Frame.Data(1, bytes("a")), frames.get(1));
    assertEquals(new Frame.Data(3, bytes("b")), frames.get(2));
    assertEquals(new Frame.Window(1, 100), frames.get(3));
    assertEquals(new Frame.Data(3, bytes("cd")), frames.get(4));
    assertEquals(LIMIT - 1, ((Frame.Data) frames.get(5)).length(), "the join stops at the limit");
    awaitSent(6);
  }

  private void data(int stream, String text) {
    outbox.data(new Frame.Data(stream, bytes(text)), LIMIT, sent::incrementAndGet);
  }

  private void awaitSent(int count) {
    Eventually.await("every queued DATA is reported sent, once", () -> sent.get() == count);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Holds its first send until released, as a slow network does; records what it sends. */
  private final class HeldTransport implements FrameTransport {
    private final CountDownLatch firstSend = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Frame> frames = new ArrayList<>();

    @Override
    public void send(ByteBuffer frame) {
      synchronized (this) {
        frames.add(decode(frame));
        notifyAll();
      }
      firstSend.countDown();
      try {
        released.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close(String reason) {}

    void awaitFirstSend() throws InterruptedException {
      assertTrue(firstSend.await(10, TimeUnit.SECONDS), "the first frame reached the transport");
    }

    void release() {
      released.countDown();
    }

    synchronized List<Frame> frames(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (frames.size() < count && System.nanoTime() < deadline) {
        wait(100);
      }
      assertEquals(count, frames.size(), "frames sent: " + frames);
      return List.copyOf(frames);
    }

    private Frame decode(ByteBuffer message) {
      try {
        return codec.decode(message);
      } catch (FrameException e) {
        throw new AssertionError(e);
      }
    }
  }
}
