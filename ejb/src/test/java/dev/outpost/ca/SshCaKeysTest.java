package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshCaKeysTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration GRACE = Duration.ofHours(12);

  private final SecureRandom random = new SecureRandom();
  private final KeyPair first = key();
  private final KeyPair second = key();
  private final KeyPair third = key();

  @Test
  void theNewKeySignsAndTheOldOneIsTrustedUntilTheGraceEnds() {
    SshCaKeys rotated = new SshCaKeys(first, List.of()).rotate(second, NOW, GRACE);

    assertEquals(second, rotated.active());
    assertEquals(List.of(second.getPublic(), first.getPublic()), rotated.trustedAt(NOW));
    assertEquals(List.of(second.getPublic(), first.getPublic()),
        rotated.trustedAt(NOW.plus(GRACE).minusSeconds(1)));
    assertEquals(List.of(second.getPublic()), rotated.trustedAt(NOW.plus(GRACE)));
  }

  @Test
  void aSecondRotationKeepsBothEarlierKeysEachToItsOwnEnd() {
    Instant later = NOW.plus(Duration.ofHours(1));
    SshCaKeys twice = new SshCaKeys(first, List.of()).rotate(second, NOW, GRACE)
        .rotate(third, later, Duration.ofMinutes(30));

    assertEquals(List.of(third.getPublic(), second.getPublic(), first.getPublic()),
        twice.trustedAt(later));
    assertEquals(List.of(third.getPublic(), first.getPublic()),
        twice.trustedAt(later.plus(Duration.ofMinutes(30))));
  }

  @Test
  void keysWhoseGraceEndedAreDroppedAtTheNextRotation() {
    SshCaKeys rotated = new SshCaKeys(first, List.of()).rotate(second, NOW, GRACE)
        .rotate(third, NOW.plus(GRACE), GRACE);

    assertEquals(List.of(second.getPublic()),
        rotated.retired().stream().map(SshCaKeys.Retired::key).toList());
  }

  @Test
  void linesMarkTheRetiredKeysWithTheEndOfTheirGrace() {
    SshCaKeys rotated = new SshCaKeys(first, List.of()).rotate(second, NOW, GRACE);

    assertEquals(List.of(SshKeys.format(second.getPublic()),
        SshKeys.format(first.getPublic()) + " trusted-until=2026-03-01T22:00:00Z"),
        rotated.linesAt(NOW));
  }

  @Test
  void theRetiredListSurvivesItsEncoding() {
    SshCaKeys rotated = new SshCaKeys(first, List.of()).rotate(second, NOW, GRACE);

    assertEquals(rotated.retired(), SshCaKeys.decodeRetired(rotated.encodeRetired()));
  }

  @Test
  void aNegativeGraceIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new SshCaKeys(first, List.of()).rotate(second, NOW, Duration.ofSeconds(-1)));
  }

  private KeyPair key() {
    try {
      return SshKeys.generateEd25519(random);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
