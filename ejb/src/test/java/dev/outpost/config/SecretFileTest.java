package dev.outpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

  @TempDir
  Path dir;

  @Test
  void generatesOnceIntoAnOwnerOnlyFile() throws Exception {
    SecretFile file = new SecretFile(dir.resolve("secrets/ca-passphrase"));

    String first = file.readOrCreate(new SecureRandom());
    String second = file.readOrCreate(new SecureRandom());

    assertEquals(first, second);
    assertTrue(first.length() >= 43);
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
  }

  @Test
  void keepsAnExistingSecret() {
    SecretFile file = new SecretFile(dir.resolve("bootstrap-admin-password"));
    file.write("chosen by hand");

    assertEquals("chosen by hand", file.readOrCreate(new SecureRandom()));
  }
}
