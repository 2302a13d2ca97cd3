package dev.outpost.client.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void ceilingDoublesFromOneSecondUpToThirtySeconds() {
    Backoff backoff = Backoff.standard(new FixedRandom(0.999_999));
    List<Long> seconds =
        IntStream.range(0, 8).mapToObj(i -> Math.round(backoff.next().toMillis() / 1000.0)).toList();
    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
  }

  @Test
  void fullJitterDrawsUniformlyBelowTheCeiling() {
    Backoff backoff = Backoff.standard(new FixedRandom(0.25));
    assertEquals(Duration.ofMillis(250), backoff.next());
    assertEquals(Duration.ofMillis(500), backoff.next());
    assertEquals(Duration.ofMillis(1000), backoff.next());
    assertEquals(Duration.ZERO, Backoff.standard(new FixedRandom(0)).next());
  }

  @Test
  void resetStartsOverFromTheBase() {
    Backoff backoff = Backoff.standard(new FixedRandom(0.5));
    IntStream.range(0, 10).forEach(i -> backoff.next());
    assertEquals(Duration.ofSeconds(30), backoff.ceiling());
    backoff.reset();
    assertEquals(Duration.ofMillis(500), backoff.next());
  }

  @Test
  void manyFailuresNeverOverflowTheCap() {
    Backoff backoff = Backoff.standard(new FixedRandom(0.5));
    IntStream.range(0, 10_000).forEach(i -> backoff.next());
    assertEquals(Duration.ofSeconds(15), backoff.next());
  }
}
