package dev.outpost.client.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A {@link TaskScheduler} and clock that move only when the test says so. */
final class ManualScheduler extends Clock implements TaskScheduler {
  private record Task(Instant due, long order, Runnable body, CompletableFuture<Void> future) {}

  private final List<Task> tasks = new ArrayList<>();
  private Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private long order;

  @Override
  public synchronized Future<?> schedule(Runnable body, Duration delay) {
    Task task = new Task(now.plus(delay), order++, body, new CompletableFuture<>());
    tasks.add(task);
    return task.future();
  }

  /** Moves time forward, running every task that falls due on the way, in order. */
  void advance(Duration duration) {
    Instant end = now.plus(duration);
    for (Task task = nextDue(end); task != null; task = nextDue(end)) {
      task.body().run();
    }
    synchronized (this) {
      now = end;
    }
  }

  /** Runs what is due now (zero-delay steps). */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** The delay until the earliest pending task, or null when none is pending. */
  synchronized Duration nextDelay() {
    return tasks.stream()
        .filter(task -> !task.future().isCancelled())
        .map(Task::due)
        .min(Comparator.naturalOrder())
        .map(due -> Duration.between(now, due))
        .orElse(null);
  }

  private synchronized Task nextDue(Instant end) {
    tasks.removeIf(task -> task.future().isCancelled());
    Task next =
        tasks.stream()
            .filter(task -> !task.due().isAfter(end))
            .min(Comparator.comparing(Task::due).thenComparing(Task::order))
            .orElse(null);
    if (next != null) {
      tasks.remove(next);
      now = next.due().isAfter(now) ? next.due() : now;
      next.future().complete(null);
    }
    return next;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(java.time.ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
