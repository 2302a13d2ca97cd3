package dev.outpost.web.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Hands items to a sink in the order they were added, in batches of what piled up while the
 * previous batch was written: one writer thread of its own, never the adding thread. Under a burst
 * (thousands of agents connecting) the sink pays once per batch, not per item; when quiet, an item
 * goes out alone at once. One long-lived thread rather than a task per batch: on Payara every task
 * handed to a managed executor costs a scan of the application's jars (docs/performance.md).
 */
final class BatchingQueue<T> implements AutoCloseable {
  private final BlockingQueue<T> pending = new LinkedBlockingQueue<>();
  private final int maxBatch;
  private final Consumer<List<T>> sink;
  private final Thread writer;

  /** @param sink writes a batch; it must not throw */
  BatchingQueue(ThreadFactory threads, int maxBatch, Consumer<List<T>> sink) {
    this.maxBatch = maxBatch;
    this.sink = sink;
    this.writer = threads.newThread(this::writeUntilClosed);
    writer.start();
  }

  void add(T item) {
    pending.add(item);
  }

  private void writeUntilClosed() {
    try {
      while (true) {
        List<T> batch = new ArrayList<>();
        batch.add(pending.take());
        pending.drainTo(batch, maxBatch - 1);
        sink.accept(batch);
      }
    } catch (InterruptedException closed) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the writer; what is still pending is not written. */
  @Override
  public void close() {
    writer.interrupt();
  }
}
