package dev.outpost.tunnel.transport;

import dev.outpost.tunnel.FrameTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of a connected pair of in-memory transports: what a frame sent on one end, the other
 * end's sink receives, in order, on that end's own delivery thread, as over a network. For tests of
 * anything that speaks the tunnel, without sockets.
 *
 * <p>Frames sent before the receiving end is started wait for it. Closing either end closes both;
 * each end's sink then hears {@code onClosed} after the frames already in flight.
 */
public final class InMemoryTransport implements FrameTransport {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** An inbound item: a frame, or the end of the connection. */
  private record Delivery(ByteBuffer frame, String closeReason) {}

  private final String name;
  private final AtomicBoolean closed;
  private final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private InMemoryTransport peer;

  private InMemoryTransport(String name, AtomicBoolean closed) {
    this.name = name;
    this.closed = closed;
  }

  /** A new connected pair. */
  public static Pair pair() {
    AtomicBoolean closed = new AtomicBoolean();
    InMemoryTransport left = new InMemoryTransport("left", closed);
    InMemoryTransport right = new InMemoryTransport("right", closed);
    left.peer = right;
    right.peer = left;
    return new Pair(left, right);
  }

  @Override
  public void start(FrameSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("in-memory transport " + name + " already started");
    }
    Thread thread =
        new Thread(() -> deliver(sink), "in-memory-" + name + "-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  /** Every frame arrives in a copy of its own, as over a network. */
  @Override
  public boolean handsOverFrames() {
    return true;
  }

  /** Copies the frame, as a network would, so the caller may reuse its buffer at once. */
  @Override
  public void send(ByteBuffer frame) throws IOException {
    if (closed.get()) {
      throw new IOException("in-memory transport is closed");
    }
    ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
    peer.inbox.add(new Delivery(copy, null));
  }

  @Override
  public void close(String reason) {
    if (closed.compareAndSet(false, true)) {
      inbox.add(new Delivery(null, reason));
      peer.inbox.add(new Delivery(null, reason));
    }
  }

  /**
   * Drops the connection as a failing network does: frames still in flight either way are lost,
   * then both ends hear {@code onClosed}.
   */
  public void cut(String reason) {
    if (closed.compareAndSet(false, true)) {
      inbox.clear();
      peer.inbox.clear();
      inbox.add(new Delivery(null, reason));
      peer.inbox.add(new Delivery(null, reason));
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "in-memory transport " + name;
  }

  private void deliver(FrameSink sink) {
    try {
      for (Delivery next = inbox.take(); ; next = inbox.take()) {
        if (next.frame() == null) {
          sink.onClosed(next.closeReason());
          return;
        }
        sink.onFrame(next.frame());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The two ends of one in-memory connection. */
  public record Pair(InMemoryTransport left, InMemoryTransport right) {}
}
