package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Small DATA frames of one stream that wait next to each other while the transport is busy leave
 * as one frame, up to {@link #JOIN_BELOW} and the peer's payload limit: each message costs both
 * ends a fixed amount (a WebSocket header, a flush, a TLS record), which dominates for a few bytes,
 * while joining costs a copy of every byte joined. Frames of a TLS record or more are sent as they
 * are: their fixed cost is small beside that copy and the garbage it makes (docs/performance.md).
 * Only what is queued anyway is joined, so an interactive stream's frames wait no longer.
 */
final class Outbox {
  private static final Runnable NOTHING = () -> {};

  /** DATA is joined only while the joined payload is below this: one TLS record's worth. */
  static final int JOIN_BELOW = 16 * 1024;

  /**
   * One message to write, or (message null) the closing of the transport.
   *
   * @param dataStream the stream of a DATA message, 0 for any other
   * @param joinLimit the largest payload DATA may be joined up to
   */
  private record Entry(ByteBuffer message, Runnable afterSend, int dataStream, int joinLimit) {
    static Entry of(ByteBuffer message, Runnable afterSend) {
      return new Entry(message, afterSend, 0, 0);
    }

    int payloadLength() {
      return message.remaining() - FrameLimits.HEADER_LENGTH;
    }

    /** Whether {@code next}, queued right behind this run of {@code payload} bytes, may join it. */
    boolean joins(Entry next, int payload) {
      return next != null
          && next.dataStream == dataStream
          && dataStream != 0
          && payload < JOIN_BELOW
          && next.payloadLength() < JOIN_BELOW
          && payload + next.payloadLength() <= joinLimit;
    }
  }

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
    enqueue(Entry.of(codec.encode(frame), queuedControl::decrementAndGet));
  }

  /**
   * Queues a DATA message of stream {@code streamId} ({@link FrameCodec#encodeData}), sent as it is
   * unless joined; {@code afterSend} runs once it is written or dropped.
   *
   * @param maxPayload the peer's payload limit, up to which queued DATA of the stream is joined
   */
  void data(int streamId, ByteBuffer message, int maxPayload, Runnable afterSend) {
    enqueue(new Entry(message, afterSend, streamId, maxPayload));
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
      append(Entry.of(codec.encode(goAway), NOTHING));
    }
    append(Entry.of(null, () -> transport.close(reason)));
  }

  private void enqueue(Entry entry) {
    if (finished.get()) {
      entry.afterSend().run();
      return;
    }
    append(entry);
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

  /**
   * Writes until the queue is empty; each append that found it empty started exactly one drain.
   * An entry joined early may take {@code pending} below zero until its append counts it.
   */
  private void drain() {
    int written;
    do {
      written = writeNext();
    } while (pending.addAndGet(-written) > 0);
  }

  /** Writes the next entry, joined with the DATA queued right behind it; returns how many it took. */
  private int writeNext() {
    Entry first = queue.poll();
    List<Entry> run = new ArrayList<>(List.of(first));
    int payload = first.dataStream() == 0 ? 0 : first.payloadLength();
    for (Entry next = queue.peek(); first.joins(next, payload); next = queue.peek()) {
      run.add(queue.poll());
      payload += next.payloadLength();
    }
    if (run.size() == 1) {
      write(first.message(), first.afterSend());
    } else {
      write(codec.joinData(first.dataStream(), run.stream().map(Entry::message).toList()),
          () -> run.forEach(entry -> entry.afterSend().run()));
    }
    return run.size();
  }

  private void write(ByteBuffer message, Runnable afterSend) {
    if (message != null && !broken) {
      try {
        transport.send(message);
      } catch (IOException | RuntimeException e) {
        broken = true;
        onFailure.accept("cannot send: " + Reasons.describe(e));
      }
    }
    afterSend.run();
  }
}
