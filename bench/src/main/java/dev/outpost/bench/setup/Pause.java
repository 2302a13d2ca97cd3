package dev.outpost.bench.setup;

import java.time.Duration;

/** Sleeping where the benchmark waits for the system under test to settle. */
public final class Pause {
  private Pause() {}

  public static void of(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
