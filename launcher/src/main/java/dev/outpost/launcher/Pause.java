package dev.outpost.launcher;

import java.time.Duration;

/** Waiting between attempts, with an interrupt turned into an unchecked failure of the caller. */
final class Pause {
  private Pause() {}

  static void of(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
