package dev.outpost.agent.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostCertificateTest {
  private static final Instant ISSUED = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void renewalIsDueOnceLessThanHalfTheValidityRemains() throws Exception {
    KeyPair ca = Fixtures.ed25519();
    HostCertificate certificate =
        HostCertificate.parse(
            Fixtures.line(Fixtures.hostCertificate(ca, Fixtures.ed25519(), "edge-1", ISSUED, ISSUED.plus(Duration.ofDays(7)))));
    assertFalse(certificate.isHalfSpentAt(ISSUED.plus(Duration.ofDays(1))));
    assertFalse(certificate.isHalfSpentAt(ISSUED.plus(Duration.ofHours(84))));
    assertTrue(certificate.isHalfSpentAt(ISSUED.plus(Duration.ofHours(84)).plusSeconds(1)));
    assertTrue(certificate.isHalfSpentAt(ISSUED.plus(Duration.ofDays(8))));
  }

  @Test
  void refusesPlainKeysAndUserCertificates() throws Exception {
    KeyPair key = Fixtures.ed25519();
    assertThrows(GeneralSecurityException.class, () -> HostCertificate.parse(Fixtures.line(key.getPublic())));
    String user =
        Fixtures.line(
            Fixtures.userCertificate(Fixtures.ed25519(), key, java.util.List.of("root"), ISSUED, ISSUED.plusSeconds(60), java.util.Map.of()));
    assertThrows(GeneralSecurityException.class, () -> HostCertificate.parse(user));
  }
}
