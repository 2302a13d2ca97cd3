package dev.outpost.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiringSecretTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant EXPIRY = NOW.plusSeconds(1800);

  private final ExpiringSecret secret = new ExpiringSecret("hash", NOW, EXPIRY);

  @Test
  void validUntilItsExpiryExclusive() {
    assertEquals("hash", secret.hash());
    assertEquals(EXPIRY, secret.expiresAt());
    assertTrue(secret.isValidAt(NOW));
    assertTrue(secret.isValidAt(EXPIRY.minusNanos(1)));
    assertFalse(secret.isValidAt(EXPIRY));
  }

  @Test
  void invalidatedForGood() {
    secret.invalidate(NOW.plusSeconds(1));

    assertFalse(secret.isValidAt(NOW.plusSeconds(2)));
  }
}
