package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyTlsKeystoreTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  Path dir;

  private final SecureRandom random = new SecureRandom();
  private final Set<String> names =
      new LinkedHashSet<>(List.of("proxy.example", "localhost", "127.0.0.1", "prod"));

  @Test
  void writesLeafAndCaUnderTheAlias() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    Path file = dir.resolve("tls/proxy.p12");

    assertTrue(new ProxyTlsKeystore(file, PASSWORD).ensure(ca, names, NOW, random));

    KeyStore store = load(file, PASSWORD);
    Certificate[] chain = store.getCertificateChain(ProxyTlsKeystore.ALIAS);
    assertEquals(2, chain.length);
    assertEquals(ca.certificate(), chain[1]);
    chain[0].verify(ca.certificate().getPublicKey());
    assertTrue(store.isKeyEntry(ProxyTlsKeystore.ALIAS));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void keepsACurrentKeystore() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    ProxyTlsKeystore keystore = new ProxyTlsKeystore(dir.resolve("proxy.p12"), PASSWORD);
    keystore.ensure(ca, names, NOW, random);

    assertFalse(keystore.ensure(ca, names, NOW.plus(Duration.ofDays(59)), random));
  }

  @Test
  void renewsWithin30DaysOfExpiry() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    Path file = dir.resolve("proxy.p12");
    ProxyTlsKeystore keystore = new ProxyTlsKeystore(file, PASSWORD);
    keystore.ensure(ca, names, NOW, random);

    Instant later = NOW.plus(Duration.ofDays(61));
    assertTrue(keystore.ensure(ca, names, later, random));
    X509Certificate leaf = (X509Certificate) load(file, PASSWORD)
        .getCertificateChain(ProxyTlsKeystore.ALIAS)[0];
    assertEquals(later.plus(Duration.ofDays(90)), leaf.getNotAfter().toInstant());
  }

  @Test
  void renewsWhenThePublicAddressChanges() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    ProxyTlsKeystore keystore = new ProxyTlsKeystore(dir.resolve("proxy.p12"), PASSWORD);
    keystore.ensure(ca, names, NOW, random);

    Set<String> moved =
        new LinkedHashSet<>(List.of("new.example", "localhost", "127.0.0.1", "prod"));
    assertTrue(keystore.ensure(ca, moved, NOW, random));
  }

  @Test
  void renewsWhenTheCaOrPasswordChanged() throws Exception {
    X509CertificateAuthority ca = X509CertificateAuthority.generate("prod", NOW, random);
    Path file = dir.resolve("proxy.p12");
    new ProxyTlsKeystore(file, PASSWORD).ensure(ca, names, NOW, random);

    X509CertificateAuthority otherCa = X509CertificateAuthority.generate("prod", NOW, random);
    assertTrue(new ProxyTlsKeystore(file, PASSWORD).ensure(otherCa, names, NOW, random));
    assertTrue(new ProxyTlsKeystore(file, "other".toCharArray()).ensure(otherCa, names, NOW,
        random));
  }

  private static KeyStore load(Path file, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }
}
