package dev.outpost.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler and clock whose time moves only when a test calls {@link #advance}. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong((Task task) -> task.due));
  private volatile long now;

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return EPOCH.plusNanos(now);
      }
    };
  }

  /** Moves time forward, running every task that falls due on the way, in order. */
  synchronized void advance(Duration duration) {
    long target = now + duration.toNanos();
    while (!tasks.isEmpty() && tasks.peek().due <= target) {
      Task task = tasks.poll();
      now = task.due;
      task.command.run();
      if (task.period > 0 && !task.cancelled) {
        task.due += task.period;
        tasks.add(task);
      }
    }
    now = target;
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(new Task(command, now + unit.toNanos(delay), 0));
  }

  @Override
  public synchronized ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long delay, long period, TimeUnit unit) {
    return add(new Task(command, now + unit.toNanos(delay), unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long delay, long period, TimeUnit unit) {
    return scheduleAtFixedRate(command, delay, period, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not used by the tunnel");
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }

  private Task add(Task task) {
    tasks.add(task);
    return task;
  }

  private final class Task implements ScheduledFuture<Object> {
    private final Runnable command;
    private final long period;
    private long due;
    private volatile boolean cancelled;

    Task(Runnable command, long due, long period) {
      this.command = command;
      this.due = due;
      this.period = period;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      synchronized (ManualScheduler.this) {
        cancelled = true;
        return tasks.remove(this);
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }
}
