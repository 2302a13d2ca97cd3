package dev.outpost.config;

import dev.outpost.ca.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A generated secret kept in an owner-only file ({@code 0600}) under {@code <data>/secrets/}.
 * Only for development and first runs: production supplies the CA passphrase from a secret store
 * through {@code OUTPOST_CA_PASSPHRASE} rather than keeping it next to the keys it protects.
 */
public final class SecretFile {

  private final Path path;

  public SecretFile(Path path) {
    this.path = path;
  }

  /**
   * Returns the secret in the file, first creating it with 32 random bytes (base64url) when absent.
   * Concurrent callers all get the one secret that was written first.
   */
  public String readOrCreate(SecureRandom random) {
    try {
      if (!Files.exists(path)) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        write(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
      }
      return Files.readString(path, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create secret file " + path, e);
    }
  }

  /** Stores {@code secret} unless the file exists already. */
  public void write(String secret) {
    try {
      PrivateFiles.createExclusively(path, (secret + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write secret file " + path, e);
    }
  }

  public Path path() {
    return path;
  }
}
