package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  void rotationSealsTheNewKeyAndKeepsTheOldOneTrustedAcrossARestart() throws Exception {
    CaStore store = store("secret passphrase");
    CertificateAuthorities cas = store.openOrCreate("prod", NOW);
    String old = cas.users().publicKey();

    store.rotate(cas.users(), NOW, Duration.ofHours(1));
    CertificateAuthorities reopened = store("secret passphrase").openOrCreate("prod", NOW);

    assertNotEquals(old, reopened.users().publicKey());
    assertEquals(cas.users().publicKey(), reopened.users().publicKey());
    assertEquals(List.of(reopened.users().publicKey(), old + " trusted-until=2026-03-01T11:00:00Z"),
        reopened.users().trustedKeyLines(NOW));
    assertEquals(List.of(reopened.users().publicKey()),
        reopened.users().trustedKeyLines(NOW.plus(Duration.ofHours(1))));
    assertTrue(Files.readString(dir.resolve("user_ca.retired"), StandardCharsets.ISO_8859_1)
        .startsWith("OPVAULT"));
    assertEquals(String.join("\n", reopened.users().trustedKeyLines(NOW)) + "\n",
        Files.readString(dir.resolve("user_ca.pub")));
    assertEquals(cas.hosts().publicKey(), reopened.hosts().publicKey());
  }

  @Test
  void refreshPicksUpARotationAnotherProxyMade() throws Exception {
    CertificateAuthorities mine = store("secret passphrase").openOrCreate("prod", NOW);
    CaStore other = store("secret passphrase");
    CertificateAuthorities theirs = other.openOrCreate("prod", NOW);
    String old = mine.hosts().publicKey();
    CaStore myStore = store("secret passphrase");
    mine = myStore.openOrCreate("prod", NOW);

    other.rotate(theirs.hosts(), NOW, Duration.ofMinutes(5));
    Files.setLastModifiedTime(dir.resolve("host_ca.key"),
        FileTime.from(NOW.plus(Duration.ofMinutes(1))));
    myStore.refresh(mine, NOW);

    assertEquals(theirs.hosts().publicKey(), mine.hosts().publicKey());
    assertNotEquals(old, mine.hosts().publicKey());
    assertEquals(2, mine.hosts().trustedKeys(NOW).size());
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
