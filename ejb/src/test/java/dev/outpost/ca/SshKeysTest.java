package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.SshCertificates;
import dev.outpost.testing.Keys;
import dev.outpost.testing.TestCas;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshKeysTest {

  @Test
  void acceptsEd25519EcdsaAndLongRsa() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);

    for (KeyPair key : List.of(Keys.ed25519(), ec.generateKeyPair(), rsa.generateKeyPair())) {
      String line = SshKeys.format(key.getPublic());
      assertTrue(
          SshCertificates.sameKey(key.getPublic(), SshKeys.parsePublicKey(line + " comment")));
    }
  }

  @Test
  void refusesShortRsa() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    String line = SshKeys.format(rsa.generateKeyPair().getPublic());

    assertEquals("RSA key of 1024 bits is too short: at least 2048 are needed",
        assertThrows(IllegalArgumentException.class, () -> SshKeys.parsePublicKey(line))
            .getMessage());
  }

  @Test
  void refusesGarbageAndCertificates() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> SshKeys.parsePublicKey(null));
    assertThrows(IllegalArgumentException.class, () -> SshKeys.parsePublicKey("ssh-ed25519 AAAA"));
    assertThrows(IllegalArgumentException.class, () -> SshKeys.parsePublicKey("hello"));
    Instant now = Instant.now();
    String certificate = TestCas.create(now).issueUserCertificate(
        Keys.ed25519().getPublic(), "alice", List.of("root"), TestCas.ACCESS, now,
        Duration.ofHours(1));
    assertEquals("a certificate is not accepted as a public key",
        assertThrows(IllegalArgumentException.class, () -> SshKeys.parsePublicKey(certificate))
            .getMessage());
  }
}
