package dev.outpost.tunnel.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock that moves only when told: exact counts, exact hints. */
class AdmissionLimiterTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;

  @Test
  void aBurstIsAdmittedAtOnceAndTheNextIsRefused() {
    AdmissionLimiter limiter = new AdmissionLimiter(new AdmissionRate(10, 5), clock);
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.empty(), limiter.tryAdmit(), "connect " + i + " of the burst");
    }
    assertEquals(Optional.of(Duration.ofMillis(100)), limiter.tryAdmit());
  }

  @Test
  void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
    AdmissionLimiter limiter = new AdmissionLimiter(new AdmissionRate(10, 5), clock);
    drain(limiter, 5);
    advance(Duration.ofMillis(250)); // 2.5 tokens
    assertEquals(2, drain(limiter, 10));

    advance(Duration.ofHours(1));
    assertEquals(5, drain(limiter, 10), "a long quiet spell refills the bucket to the burst only");
  }

  @Test
  void refusedConnectsAreToldSpreadSlotsAtTheRate() {
    AdmissionLimiter limiter = new AdmissionLimiter(new AdmissionRate(4, 1), clock);
    limiter.tryAdmit();
    List<Duration> hints = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hints.add(limiter.tryAdmit().orElseThrow());
    }
    assertEquals(
        List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1)),
        hints);

    advance(Duration.ofMillis(600)); // 2.4 tokens accrued, but the bucket holds 1
    assertEquals(1, drain(limiter, 1));
    assertEquals(Optional.of(Duration.ofMillis(650)), limiter.tryAdmit(), "after the slots already told");
  }

  @Test
  void aHugeCrowdIsNeverToldToWaitBeyondTheCap() {
    AdmissionLimiter limiter = new AdmissionLimiter(new AdmissionRate(1, 1), clock);
    limiter.tryAdmit();
    Duration last = Duration.ZERO;
    for (int i = 0; i < 1_000; i++) {
      last = limiter.tryAdmit().orElseThrow();
      assertTrue(last.compareTo(AdmissionLimiter.MAX_HINT) <= 0, "hint " + last);
    }
    assertEquals(AdmissionLimiter.MAX_HINT, last);

    advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), limiter.tryAdmit(), "capped hints reserve nothing: tokens still accrue");
  }

  @Test
  void theRateIsCheckedWhenConfigured() {
    assertEquals("tunnel admission rate must be above 0 and at most 100000 per second, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new AdmissionRate(0, 10)).getMessage());
    assertEquals("tunnel admission rate must be above 0 and at most 100000 per second, got NaN",
        assertThrows(IllegalArgumentException.class, () -> new AdmissionRate(Double.NaN, 10)).getMessage());
    assertEquals("tunnel admission burst must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new AdmissionRate(5, 0)).getMessage());
    assertEquals(Duration.ofSeconds(2), new AdmissionRate(0.5, 1).timeFor(1));
  }

  private void advance(Duration step) {
    now = now.plus(step);
  }

  private static int drain(AdmissionLimiter limiter, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      admitted += limiter.tryAdmit().isEmpty() ? 1 : 0;
    }
    return admitted;
  }
}
