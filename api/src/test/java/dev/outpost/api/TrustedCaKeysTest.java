package dev.outpost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedCaKeysTest {
  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
  private static final Instant END = Instant.parse("2026-03-01T22:00:00Z");

  @Test
  void aKeyWithoutEndIsTrustedAlways() {
    assertEquals(Optional.empty(), TrustedCaKeys.until(KEY));
    assertTrue(TrustedCaKeys.isTrustedAt(KEY, Instant.MAX));
  }

  @Test
  void aRetiredKeyIsTrustedUntilItsEndOnly() {
    String retiring = TrustedCaKeys.retiring(KEY, END);

    assertEquals(KEY + " trusted-until=2026-03-01T22:00:00Z", retiring);
    assertTrue(TrustedCaKeys.isTrustedAt(retiring, END.minusSeconds(1)));
    assertFalse(TrustedCaKeys.isTrustedAt(retiring, END));
    assertEquals(List.of(KEY), TrustedCaKeys.trustedAt(List.of(KEY, retiring), END));
  }

  @Test
  void aMangledEndEndsTheTrustAtOnce() {
    assertFalse(TrustedCaKeys.isTrustedAt(KEY + " trusted-until=tomorrow", Instant.EPOCH.plusSeconds(1)));
  }
}
