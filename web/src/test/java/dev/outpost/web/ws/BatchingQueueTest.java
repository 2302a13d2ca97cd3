package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingQueueTest {

  @Test
  void aQuietItemGoesOutAloneAtOnce() throws Exception {
    List<List<Integer>> written = new ArrayList<>();
    try (BatchingQueue<Integer> queue = new BatchingQueue<>(Executors.defaultThreadFactory(), 10,
        batch -> record(written, batch))) {
      queue.add(1);
      awaitWritten(written, 1);
      assertEquals(List.of(List.of(1)), copy(written));
    }
  }

  @Test
  void whatPilesUpDuringAWriteGoesOutInBatchesInTheOrderItWasAdded() throws Exception {
    List<List<Integer>> written = new ArrayList<>();
    CountDownLatch firstWriteBlocks = new CountDownLatch(1);
    try (BatchingQueue<Integer> queue = new BatchingQueue<>(Executors.defaultThreadFactory(), 3,
        batch -> {
          if (batch.get(0) == 0) {
            await(firstWriteBlocks);
          }
          record(written, batch);
        })) {
      queue.add(0);
      IntStream.rangeClosed(1, 7).forEach(queue::add); // while the first write blocks
      firstWriteBlocks.countDown();
      awaitWritten(written, 8);
      List<List<Integer>> batches = copy(written);
      assertEquals(IntStream.rangeClosed(0, 7).boxed().toList(),
          batches.stream().flatMap(List::stream).toList(), "each once, in order");
      assertTrue(batches.size() <= 4, "batched: " + batches);
      assertTrue(batches.stream().allMatch(batch -> batch.size() <= 3), "at most 3 a batch: " + batches);
    }
  }

  private static void record(List<List<Integer>> written, List<Integer> batch) {
    synchronized (written) {
      written.add(List.copyOf(batch));
    }
  }

  private static List<List<Integer>> copy(List<List<Integer>> written) {
    synchronized (written) {
      return List.copyOf(written);
    }
  }

  private static void awaitWritten(List<List<Integer>> written, int items) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (copy(written).stream().mapToInt(List::size).sum() < items && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
