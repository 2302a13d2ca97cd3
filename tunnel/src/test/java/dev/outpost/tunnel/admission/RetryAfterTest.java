package dev.outpost.tunnel.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  @Test
  void waitsAreSentAsWholeSecondsRoundedUpAndNeverZero() {
    assertEquals("1", RetryAfter.format(Duration.ofMillis(20)));
    assertEquals("1", RetryAfter.format(Duration.ZERO));
    assertEquals("2", RetryAfter.format(Duration.ofMillis(1_001)));
    assertEquals("40", RetryAfter.format(Duration.ofSeconds(40)));
  }

  @Test
  void delaySecondsAreReadAndCapped() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 "));
    assertEquals(Optional.of(AdmissionLimiter.MAX_HINT), RetryAfter.parse("999999999"));
  }

  @Test
  void anythingElseIsNoHint() {
    assertEquals(Optional.empty(), RetryAfter.parse(null));
    assertEquals(Optional.empty(), RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT"));
    assertEquals(Optional.empty(), RetryAfter.parse("-5"));
    assertEquals(Optional.empty(), RetryAfter.parse("1.5"));
    assertEquals(Optional.empty(), RetryAfter.parse("12345678901"));
  }
}
