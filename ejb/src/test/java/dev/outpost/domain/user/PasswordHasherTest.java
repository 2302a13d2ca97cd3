package dev.outpost.domain.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

  @Test
  void storesAlgorithmAndParametersWithTheHash() {
    String hash = hasher.hash("correct horse battery");

    assertTrue(hash.matches(
        "pbkdf2-sha512\\$210000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{86}"), hash);
  }

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("correct horse battery");

    assertTrue(hasher.verify("correct horse battery", hash));
    assertFalse(hasher.verify("correct horse battery ", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void saltsEachHash() {
    assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
  }

  @Test
  void verifiesWithTheStoredWorkFactor() {
    String cheap = new PasswordHasher(new SecureRandom(), 1000).hash("pw with 1000 rounds");

    assertTrue(hasher.verify("pw with 1000 rounds", cheap));
  }

  @Test
  void malformedHashesNeverMatch() {
    assertFalse(hasher.verify("x", null));
    assertFalse(hasher.verify("x", "md5$abc"));
    assertFalse(hasher.verify("x", "pbkdf2-sha512$notanumber$AAAA$AAAA"));
    assertFalse(hasher.verify("x", "pbkdf2-sha512$1000$***$AAAA"));
  }
}
