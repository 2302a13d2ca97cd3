package dev.outpost.web.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items to a sink in the order they were added, in batches of what piled up while the
 * previous batch was written: one write at a time, on the executor, never on the adding thread.
 * Under a burst (thousands of agents connecting) the sink pays once per batch, not per item; when
 * quiet, an item goes out alone at once.
 */
final class BatchingQueue<T> {
  private final Queue<T> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final Executor executor;
  private final int maxBatch;
  private final Consumer<List<T>> sink;

  /** @param sink writes a batch; it must not throw */
  BatchingQueue(Executor executor, int maxBatch, Consumer<List<T>> sink) {
    this.executor = executor;
    this.maxBatch = maxBatch;
    this.sink = sink;
  }

  void add(T item) {
    pending.add(item);
    writeSoon();
  }

  private void writeSoon() {
    if (!pending.isEmpty() && writing.compareAndSet(false, true)) {
      try {
        executor.execute(this::writeBatch);
      } catch (RuntimeException rejected) {
        writing.set(false);
        throw rejected;
      }
    }
  }

  private void writeBatch() {
    try {
      List<T> batch = new ArrayList<>();
      for (T item; batch.size() < maxBatch && (item = pending.poll()) != null; ) {
        batch.add(item);
      }
      if (!batch.isEmpty()) {
        sink.accept(batch);
      }
    } finally {
      writing.set(false);
      // whatever was added while this batch was written, which found the flag still set
      writeSoon();
    }
  }
}
