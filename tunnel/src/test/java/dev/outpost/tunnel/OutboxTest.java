package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * Small DATA queued behind a busy transport leaves joined, in order, never across other frames;
 * large DATA leaves as it is. A writer that finds no drain running writes the queue itself, up to a
 * limit.
 */
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
    data(3, "c", 4);
    data(3, "d", 4);
    data(3, "efg", 4);
    transport.release();

    List<Frame> frames = transport.frames(6);
    assertEquals(new Frame.Data(1, bytes("a")), frames.get(1));
    assertEquals(new Frame.Data(3, bytes("b")), frames.get(2));
    assertEquals(new Frame.Window(1, 100), frames.get(3));
    assertEquals(new Frame.Data(3, bytes("cd")), frames.get(4));
    assertEquals(new Frame.Data(3, bytes("efg")), frames.get(5), "the join stops at the limit");
    awaitSent(6);
  }

  @Test
  void joinsSmallFramesUpToATlsRecordAndLeavesLargeOnesAsTheyAre() throws Exception {
    data(1, "first");
    transport.awaitFirstSend();
    byte[] small = new byte[Outbox.JOIN_BELOW / 4];
    for (int i = 0; i < 6; i++) {
      data(1, small);
    }
    byte[] large = new byte[Outbox.JOIN_BELOW];
    data(1, large);
    data(1, large);
    transport.release();

    List<Integer> lengths =
        transport.frames(5).stream().map(frame -> ((Frame.Data) frame).length()).toList();
    assertEquals(
        List.of(5, Outbox.JOIN_BELOW, Outbox.JOIN_BELOW / 2, Outbox.JOIN_BELOW, Outbox.JOIN_BELOW),
        lengths,
        "four small frames joined up to a record, the two left over joined, large ones alone");
    awaitSent(9);
  }

  @Test
  void aWriterThatFindsNoDrainRunningWritesItsDataItself() throws Exception {
    transport.release();
    assertTrue(outbox.dataDrainedHere(1, message(1, bytes("mine")), LIMIT, sent::incrementAndGet));
    outbox.drainHere();

    assertEquals(List.of(Thread.currentThread().getName()), transport.senders(1));
    assertEquals(1, sent.get(), "written before drainHere returned");
  }

  @Test
  void aWriterThatFindsADrainRunningOnlyQueues() throws Exception {
    data(1, "first");
    transport.awaitFirstSend();

    assertFalse(outbox.dataDrainedHere(3, message(3, bytes("queued")), LIMIT, sent::incrementAndGet));
    transport.release();
    assertEquals(new Frame.Data(3, bytes("queued")), transport.frames(2).get(1));
    awaitSent(2);
  }

  /** A writer's drain writes its limit, then leaves the rest to the executor and returns. */
  @Test
  void aWritersDrainHandsTheRestToTheExecutorAfterItsLimit() throws Exception {
    assertTrue(outbox.dataDrainedHere(1, message(1, bytes("w")), LIMIT, sent::incrementAndGet));
    Thread writer = new Thread(outbox::drainHere, "writer");
    writer.start();
    transport.awaitFirstSend();
    int queued = 2 * Outbox.INLINE_LIMIT;
    for (int i = 0; i < queued; i++) {
      data(i % 2 == 0 ? 3 : 5, "x"); // alternate streams: nothing is joined
    }
    transport.release();
    writer.join(10_000);

    List<String> senders = transport.senders(1 + queued);
    assertEquals(Outbox.INLINE_LIMIT,
        senders.stream().filter("writer"::equals).count(), "messages the writer wrote: " + senders);
    assertTrue(senders.subList(Outbox.INLINE_LIMIT, senders.size()).stream()
        .noneMatch("writer"::equals), "the executor wrote the rest: " + senders);
    awaitSent(1 + queued);
  }

  private void data(int stream, String text) {
    data(stream, text, LIMIT);
  }

  private void data(int stream, String text, int limit) {
    outbox.data(stream, message(stream, bytes(text)), limit, sent::incrementAndGet);
  }

  private void data(int stream, byte[] payload) {
    outbox.data(stream, message(stream, ByteBuffer.wrap(payload)), LIMIT, sent::incrementAndGet);
  }

  private static ByteBuffer message(int stream, ByteBuffer payload) {
    return FrameCodec.encodeData(stream, payload);
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
    private final List<String> senders = new ArrayList<>();

    @Override
    public void send(ByteBuffer frame) {
      synchronized (this) {
        frames.add(decode(frame));
        senders.add(Thread.currentThread().getName());
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

    /** The names of the threads that sent the first {@code count} frames, once there are so many. */
    List<String> senders(int count) throws InterruptedException {
      frames(count);
      synchronized (this) {
        return List.copyOf(senders.subList(0, count));
      }
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
