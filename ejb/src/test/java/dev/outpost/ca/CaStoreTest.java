package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaStoreTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;

  private final SecureRandom random = new SecureRandom();

  @Test
  void createsThenReopensTheSameCas() throws Exception {
    CertificateAuthorities first = store("secret passphrase").openOrCreate("prod", NOW);
    CertificateAuthorities second = store("secret passphrase").openOrCreate("prod", NOW);

    assertEquals(first.users().publicKey(), second.users().publicKey());
    assertEquals(first.hosts().publicKey(), second.hosts().publicKey());
    assertEquals(first.tls().pin(), second.tls().pin());
    assertFalse(first.users().publicKey().equals(first.hosts().publicKey()));
  }

  @Test
  void writesSealedKeysAndPublicCopies() throws Exception {
    CertificateAuthorities cas = store("secret passphrase").openOrCreate("prod", NOW);

    for (String key : new String[] {"user_ca.key", "host_ca.key", "tls_ca.key"}) {
      assertTrue(Files.readString(dir.resolve(key), StandardCharsets.ISO_8859_1)
          .startsWith("OPVAULT"), key);
    }
    assertEquals(cas.users().publicKey() + "\n", Files.readString(dir.resolve("user_ca.pub")));
    assertEquals(cas.hosts().publicKey() + "\n", Files.readString(dir.resolve("host_ca.pub")));
    assertEquals(cas.tls().certificatePem(), Files.readString(dir.resolve("tls_ca.pem")));
  }

  @Test
  void wrongPassphraseNamesTheFile() throws Exception {
    store("secret passphrase").openOrCreate("prod", NOW);

    GeneralSecurityException error = assertThrows(GeneralSecurityException.class,
        () -> store("another passphrase").openOrCreate("prod", NOW));

    assertEquals(dir.resolve("user_ca.key") + ": wrong CA passphrase", error.getMessage());
  }

  private CaStore store(String passphrase) {
    return new CaStore(dir, new KeyVault(passphrase.toCharArray(), random), random);
  }
}
