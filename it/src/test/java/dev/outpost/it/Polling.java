package dev.outpost.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waiting for conditions, shared by the end-to-end suites. */
public final class Polling {
  private Polling() {}

  /** Polls {@code condition} every second until it holds or {@code timeout} passes. */
  public static void await(String what, Duration timeout, Supplier<Boolean> condition,
      Supplier<String> lastSeen) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (condition.get()) {
        return;
      }
      sleep(1_000);
    }
    throw new AssertionError(what + ": not within " + timeout + "; last seen: " + lastSeen.get());
  }

  /** Polls {@code value} every second until it gives something other than null, and returns that. */
  public static <T> T awaitValue(String what, Duration timeout, Supplier<T> value) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T found = value.get();
      if (found != null) {
        return found;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new AssertionError(what + ": not within " + timeout);
      }
      sleep(1_000);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
