package dev.outpost.domain.user;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (HOTP of RFC 4226 over the time step). Codes of the
 * current step and one step either side are accepted, each step at most once.
 */
public final class Totp {

  /** What authenticator apps use: HMAC-SHA1, 30 s steps, 6 digits. */
  public static final Totp STANDARD = new Totp("HmacSHA1", Duration.ofSeconds(30), 6);

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
      10_000_000, 100_000_000};

  private final String macAlgorithm;
  private final long stepSeconds;
  private final int digits;

  public Totp(String macAlgorithm, Duration step, int digits) {
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("TOTP codes have 6 to 8 digits");
    }
    this.macAlgorithm = macAlgorithm;
    this.stepSeconds = step.toSeconds();
    this.digits = digits;
  }

  /** The time step that {@code time} falls in. */
  public long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), stepSeconds);
  }

  /** The code for {@code step}, zero-padded. */
  public String code(byte[] secret, long step) {
    try {
      Mac mac = Mac.getInstance(macAlgorithm);
      mac.init(new SecretKeySpec(secret, macAlgorithm));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      String code = Integer.toString(binary % POWERS[digits]);
      return "0".repeat(digits - code.length()) + code;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(macAlgorithm + " is missing from this JVM", e);
    }
  }

  /**
   * Checks {@code code} against the steps around {@code now}, later than {@code lastUsedStep}.
   *
   * @return the matching step, to be remembered as used; empty when the code is wrong or reused
   */
  public OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
    if (code == null || code.length() != digits) {
      return OptionalLong.empty();
    }
    long current = step(now);
    for (long step = current - 1; step <= current + 1; step++) {
      if (step > lastUsedStep
          && MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
              code.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }
}
