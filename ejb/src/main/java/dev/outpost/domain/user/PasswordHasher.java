package dev.outpost.domain.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as {@code pbkdf2-sha512$ITERATIONS$SALT$HASH} (base64, no padding): the
 * algorithm and its parameters travel with each hash, so they can be raised later without
 * breaking old ones.
 */
public final class PasswordHasher {

  static final String ALGORITHM = "pbkdf2-sha512";
  static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 512;
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  private final SecureRandom random;
  private final int iterations;

  public PasswordHasher(SecureRandom random) {
    this(random, ITERATIONS);
  }

  /** With a custom work factor, for tests only; verification always uses the stored count. */
  PasswordHasher(SecureRandom random, int iterations) {
    this.random = random;
    this.iterations = iterations;
  }

  /** Hashes {@code password} with a fresh salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return String.join("$", ALGORITHM, Integer.toString(iterations),
        ENCODER.encodeToString(salt), ENCODER.encodeToString(derive(password, salt, iterations)));
  }

  /** Whether {@code password} matches {@code stored}; false for malformed hashes. */
  public boolean verify(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Spends the time of one verification for a user who does not exist, so that timing does not
   * tell which user names are taken.
   */
  public void burn(String password) {
    derive(password, new byte[SALT_BYTES], iterations);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }
}
