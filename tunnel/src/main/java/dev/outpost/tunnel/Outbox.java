package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * All frames a connection sends, in order, written by one drain task at a time on the executor.
 * Enqueueing never blocks, so the reader thread can answer PINGs and grant credit even while the
 * network is slow; a transport send that blocks only holds up the drain task.
 *
 * <p>DATA is bounded by flow control. Control frames answer the peer, so a peer that sends without
 * reading could queue them without bound: past a limit the connection fails instead.
 */
final class Outbox {
  private static final Runnable NOTHING = () -> {};

  /** One message to write, or (message null) the closing of the transport. */
  private record Entry(ByteBuffer message, Runnable afterSend) {}

  private final FrameTransport transport;
  private final FrameCodec codec;
  private final Executor executor;
  private final int controlLimit;
  private final Consumer<String> onFailure;
  private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger queuedControl = new AtomicInteger();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean broken;

  Outbox(
      FrameTransport transport,
      FrameCodec codec,
      Executor executor,
      int controlLimit,
      Consumer<String> onFailure) {
    this.transport = transport;
    this.codec = codec;
    this.executor = executor;
    this.controlLimit = controlLimit;
    this.onFailure = onFailure;
  }

  /** Queues a frame that is not DATA. */
  void control(Frame frame) {
    if (queuedControl.incrementAndGet() > controlLimit) {
      queuedControl.decrementAndGet();
      onFailure.accept("peer is not reading: " + controlLimit + " control frames queued");
      return;
    }
    enqueue(codec.encode(frame), queuedControl::decrementAndGet);
  }

  /**
   * Queues DATA (copying its payload now); {@code afterSend} runs once it is written or dropped.
   */
  void data(Frame.Data frame, Runnable afterSend) {
    enqueue(codec.encode(frame), afterSend);
  }

  /**
   * Queues {@code goAway} (if any), then the closing of the transport; frames queued later are
   * dropped. Only the first call counts.
   */
  void finish(Frame.GoAway goAway, String reason) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    if (goAway != null) {
      append(new Entry(codec.encode(goAway), NOTHING));
    }
    append(new Entry(null, () -> transport.close(reason)));
  }

  private void enqueue(ByteBuffer message, Runnable afterSend) {
    if (finished.get()) {
      afterSend.run();
      return;
    }
    append(new Entry(message, afterSend));
  }

  private void append(Entry entry) {
    queue.add(entry);
    if (pending.getAndIncrement() == 0) {
      startDrain();
    }
  }

  private void startDrain() {
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      broken = true;
      transport.close("no thread to write frames");
      onFailure.accept("no thread to write frames");
    }
  }

  /** Writes until the queue is empty; each append that found it empty started exactly one drain. */
  private void drain() {
    do {
      write(queue.poll());
    } while (pending.decrementAndGet() > 0);
  }

  private void write(Entry entry) {
    if (entry.message() != null && !broken) {
      try {
        transport.send(entry.message());
      } catch (IOException | RuntimeException e) {
        broken = true;
        onFailure.accept("cannot send: " + Reasons.describe(e));
      }
    }
    entry.afterSend().run();
  }
}
