package dev.outpost.client.tunnel;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Where the supervisor runs its steps, one at a time. Production uses a single daemon thread; tests
 * use a manual scheduler driven by a fake clock, so backoff is tested without sleeping.
 */
public interface TaskScheduler {

  /** Runs {@code task} after {@code delay} (zero: as soon as possible). */
  Future<?> schedule(Runnable task, Duration delay);
}
