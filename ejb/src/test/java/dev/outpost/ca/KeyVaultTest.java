package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyVaultTest {

  private static final byte[] SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n"
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  private final SecureRandom random = new SecureRandom();
  private final KeyVault vault = new KeyVault("correct horse".toCharArray(), random);

  @Test
  void roundTripsThroughAnOwnerOnlyFile() throws Exception {
    Path file = dir.resolve("ca/user_ca.key");

    assertTrue(vault.writeIfAbsent(file, SECRET));

    assertArrayEquals(SECRET, vault.read(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }

  @Test
  void neverStoresThePlaintext() throws Exception {
    byte[] sealed = vault.seal(SECRET);

    String asText = new String(sealed, StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains("OPENSSH"));
    assertTrue(asText.startsWith("OPVAULT\u0001"));
  }

  @Test
  void doesNotOverwriteAnExistingFile() throws Exception {
    Path file = dir.resolve("key");
    vault.writeIfAbsent(file, SECRET);

    assertFalse(vault.writeIfAbsent(file, "other".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(SECRET, vault.read(file));
  }

  @Test
  void wrongPassphraseFailsClearly() throws Exception {
    Path file = dir.resolve("key");
    vault.writeIfAbsent(file, SECRET);
    KeyVault other = new KeyVault("wrong horse".toCharArray(), random);

    GeneralSecurityException error =
        assertThrows(GeneralSecurityException.class, () -> other.read(file));
    assertEquals(file + ": wrong CA passphrase", error.getMessage());
  }

  @Test
  void tamperedCiphertextIsDetected() throws Exception {
    byte[] sealed = vault.seal(SECRET);
    sealed[sealed.length - 20] ^= 1;

    GeneralSecurityException error =
        assertThrows(GeneralSecurityException.class, () -> vault.open(sealed));
    assertEquals("key vault file is corrupted or was tampered with", error.getMessage());
  }

  @Test
  void tamperedHeaderIsDetected() throws Exception {
    byte[] sealed = vault.seal(SECRET);
    int nonceOffset = 8 + 1 + 4 + 16;
    sealed[nonceOffset] ^= 1;

    assertThrows(GeneralSecurityException.class, () -> vault.open(sealed));
  }

  @Test
  void refusesForeignAndTruncatedFiles() {
    assertEquals("not an Outpost key vault file", assertThrows(GeneralSecurityException.class,
        () -> vault.open("hello world, this is not a vault at all......."
            .getBytes(StandardCharsets.US_ASCII))).getMessage());
    assertThrows(GeneralSecurityException.class, () -> vault.open(new byte[10]));
  }

  @Test
  void refusesALoweredIterationCount() throws Exception {
    byte[] sealed = vault.seal(SECRET);
    byte[] weakened = Arrays.copyOf(sealed, sealed.length);
    weakened[9] = 0;
    weakened[10] = 0;
    weakened[11] = 0;
    weakened[12] = 1;

    assertTrue(assertThrows(GeneralSecurityException.class, () -> vault.open(weakened))
        .getMessage().contains("iteration count"));
  }

  @Test
  void usesAFreshSaltAndNonceEachTime() throws Exception {
    assertFalse(Arrays.equals(vault.seal(SECRET), vault.seal(SECRET)));
  }
}
