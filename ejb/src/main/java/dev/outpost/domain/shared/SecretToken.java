package dev.outpost.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random bearer secrets (session tokens, join tokens, invite codes). The database keeps only
 * their SHA-256, so a leaked table grants nothing; lookups go by hash.
 */
public final class SecretToken {

  private SecretToken() {}

  /** {@code bytes} random bytes in lowercase hex. */
  public static String generate(SecureRandom random, int bytes) {
    byte[] secret = new byte[bytes];
    random.nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }

  /** Lowercase hex SHA-256 of the secret's UTF-8 bytes. */
  public static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
