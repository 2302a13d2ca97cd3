package dev.outpost.application.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets concurrent callers share one write, as databases do with their logs: each caller hands its
 * items in and returns once they are written. While one caller writes, the items of those arriving
 * meanwhile pile up, and one of them then writes them all at once. A lone caller writes its own at
 * once, as it would without this.
 */
final class GroupCommit<T> {
  private final Consumer<List<T>> write;
  private final Object lock = new Object();
  private List<Waiter<T>> queued = new ArrayList<>();
  private boolean writing;

  /** @param write writes the items of one group; what it throws reaches every caller in the group */
  GroupCommit(Consumer<List<T>> write) {
    this.write = write;
  }

  /** Returns once {@code items} are written, with the group they went in. */
  void submit(List<T> items) {
    Waiter<T> mine = new Waiter<>(items);
    List<Waiter<T>> group = null;
    boolean interrupted = false;
    synchronized (lock) {
      queued.add(mine);
      while (writing && !mine.done) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true; // the items are queued: see them written before leaving
        }
      }
      if (!mine.done) {
        writing = true;
        group = queued;
        queued = new ArrayList<>();
      }
    }
    if (group != null) {
      writeGroup(group);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
  }

  private void writeGroup(List<Waiter<T>> group) {
    RuntimeException failure = null;
    try {
      write.accept(group.stream().flatMap(waiter -> waiter.items.stream()).toList());
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (lock) {
      for (Waiter<T> waiter : group) {
        waiter.failure = failure;
        waiter.done = true;
      }
      writing = false;
      lock.notifyAll();
    }
  }

  private static final class Waiter<T> {
    final List<T> items;
    boolean done;
    RuntimeException failure;

    Waiter(List<T> items) {
      this.items = items;
    }
  }
}
