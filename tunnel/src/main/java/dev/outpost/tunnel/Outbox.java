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
 * All frames a connection sends, in order, written by one drain at a time. Enqueueing never blocks,
 * so the reader thread can answer PINGs and grant credit even while the network is slow; a
 * transport send that blocks only holds up the drain.
 *
 * <p>A drain runs on the executor, or on a stream's writer thread that found none running
 * ({@link #dataDrainedHere}): a writer may block anyway (for credit), and writing its own DATA
 * spares two thread hand-offs per message, the drain task's wake-up and the writer's, which cost
 * more CPU than the write itself at bulk rates (docs/performance.md, "Thread hand-offs"). Such a
 * drain writes at most {@link #INLINE_LIMIT} messages before it leaves the rest to the executor,
 * so a writer is not kept from its own stream by others'.
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

  /** Messages a writer thread's drain writes before it hands the rest to the executor. */
  static final int INLINE_LIMIT = 16;

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
    enqueueToDrain(Entry.of(codec.encode(frame), queuedControl::decrementAndGet));
  }

  /**
   * Queues a DATA message of stream {@code streamId} ({@link FrameCodec#encodeData}), sent as it is
   * unless joined; {@code afterSend} runs once it is written or dropped.
   *
   * @param maxPayload the peer's payload limit, up to which queued DATA of the stream is joined
   */
  void data(int streamId, ByteBuffer message, int maxPayload, Runnable afterSend) {
    enqueueToDrain(new Entry(message, afterSend, streamId, maxPayload));
  }

  /**
   * As {@link #data}, from a stream's writer thread: returns true if no drain was running, and then
   * the caller owns the drain and must call {@link #drainHere} next, once it holds no lock that the
   * connection's reader thread takes (the drain may block on the network).
   */
  boolean dataDrainedHere(int streamId, ByteBuffer message, int maxPayload, Runnable afterSend) {
    return enqueue(new Entry(message, afterSend, streamId, maxPayload));
  }

  /** Writes the queue on this thread; the caller owns the drain ({@link #dataDrainedHere}). */
  void drainHere() {
    if (Thread.currentThread().isInterrupted()) {
      startDrain(); // an interrupted thread's blocking write may fail for the whole connection
    } else {
      drain(INLINE_LIMIT);
    }
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
      appendToDrain(Entry.of(codec.encode(goAway), NOTHING));
    }
    appendToDrain(Entry.of(null, () -> transport.close(reason)));
  }

  /** Queues {@code entry} unless finished, and starts a drain on the executor if none runs. */
  private void enqueueToDrain(Entry entry) {
    if (enqueue(entry)) {
      startDrain();
    }
  }

  private void appendToDrain(Entry entry) {
    if (append(entry)) {
      startDrain();
    }
  }

  /** Queues {@code entry} unless finished; true if no drain runs, so the caller must start one. */
  private boolean enqueue(Entry entry) {
    if (finished.get()) {
      entry.afterSend().run();
      return false;
    }
    return append(entry);
  }

  private boolean append(Entry entry) {
    queue.add(entry);
    return pending.getAndIncrement() == 0;
  }

  private void startDrain() {
    try {
      executor.execute(() -> drain(Integer.MAX_VALUE));
    } catch (RejectedExecutionException e) {
      broken = true;
      transport.close("no thread to write frames");
      onFailure.accept("no thread to write frames");
    }
  }

  /**
   * Writes until the queue is empty, or hands it to the executor after {@code limit} messages;
   * each append that found the queue empty started exactly one drain. An entry joined early may
   * take {@code pending} below zero until its append counts it.
   */
  private void drain(int limit) {
    int budget = limit;
    while (true) {
      int written = writeNext();
      if (pending.addAndGet(-written) <= 0) {
        return;
      }
      budget -= written;
      if (budget <= 0) {
        startDrain();
        return;
      }
    }
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
