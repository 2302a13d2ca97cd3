package dev.outpost.application.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void aLoneCallerWritesItsOwnItemsAtOnce() {
    List<List<Integer>> writes = new ArrayList<>();
    GroupCommit<Integer> commits = new GroupCommit<>(writes::add);
    commits.submit(List.of(1, 2));
    commits.submit(List.of(3));
    assertEquals(List.of(List.of(1, 2), List.of(3)), writes);
  }

  @Test
  void concurrentCallersShareWritesAndEachReturnsOnlyOnceItsItemIsWritten() throws Exception {
    Set<Integer> written = new HashSet<>();
    List<Integer> groupSizes = new ArrayList<>();
    GroupCommit<Integer> commits = new GroupCommit<>(group -> {
      sleep(20); // a transaction's worth of time, during which others arrive
      synchronized (written) {
        written.addAll(group);
        groupSizes.add(group.size());
      }
    });
    int callers = 64;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        int item = i;
        results.add(pool.submit(() -> {
          commits.submit(List.of(item));
          synchronized (written) {
            return written.contains(item);
          }
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(30, TimeUnit.SECONDS), "returned only once written");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(callers, written.size());
    assertTrue(groupSizes.size() < callers / 2, "writes were shared: " + groupSizes);
  }

  @Test
  void aFailedWriteReachesItsCallerAndTheNextWriteGoesOn() {
    List<Integer> written = new ArrayList<>();
    GroupCommit<Integer> commits = new GroupCommit<>(group -> {
      if (group.contains(13)) {
        throw new IllegalStateException("disk full");
      }
      written.addAll(group);
    });
    assertThrows(IllegalStateException.class, () -> commits.submit(List.of(13)));
    commits.submit(List.of(14));
    assertEquals(List.of(14), written);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
