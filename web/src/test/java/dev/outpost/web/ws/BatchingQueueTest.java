package dev.outpost.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingQueueTest {

  @Test
  void aQuietItemGoesOutAloneAtOnce() throws Exception {
    List<List<Integer>> written = new ArrayList<>();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      BatchingQueue<Integer> queue = new BatchingQueue<>(executor, 10, written::add);
      queue.add(1);
      executor.submit(() -> {}).get(5, TimeUnit.SECONDS);
      assertEquals(List.of(List.of(1)), written);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void whatPilesUpDuringAWriteGoesOutInBatchesInTheOrderItWasAdded() throws Exception {
    List<List<Integer>> written = new ArrayList<>();
    CountDownLatch firstWriteBlocks = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      BatchingQueue<Integer> queue = new BatchingQueue<>(executor, 3, batch -> {
        if (batch.get(0) == 0) {
          await(firstWriteBlocks);
        }
        synchronized (written) {
          written.add(batch);
        }
      });
      queue.add(0);
      IntStream.rangeClosed(1, 7).forEach(queue::add); // while the first write blocks
      firstWriteBlocks.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (flatten(written).size() < 8 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(IntStream.rangeClosed(0, 7).boxed().toList(), flatten(written), "each once, in order");
      synchronized (written) {
        assertTrue(written.size() <= 4, "batched: " + written);
        assertTrue(written.stream().allMatch(batch -> batch.size() <= 3), "at most 3 a batch: " + written);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static List<Integer> flatten(List<List<Integer>> written) {
    synchronized (written) {
      return written.stream().flatMap(List::stream).toList();
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
