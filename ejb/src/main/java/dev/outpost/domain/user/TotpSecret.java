package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * A TOTP secret being enrolled: 160 random bits as RFC 4226 recommends, at least 128 when the
 * client brings it back. Enrolment is confirmed by a code from the new secret, so a user never
 * ends up with a secret their authenticator does not hold.
 */
public final class TotpSecret {

  public static final int GENERATED_BYTES = 20;
  public static final int MIN_BYTES = 16;

  private final byte[] bytes;

  private TotpSecret(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static TotpSecret generate(SecureRandom random) {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    return new TotpSecret(bytes);
  }

  /**
   * @throws OutpostException BAD_REQUEST when {@code base32} is missing, not base32 or too short
   */
  public static TotpSecret parse(String base32) {
    if (base32 == null || base32.isBlank() || base32.length() > 128) {
      throw OutpostException.badRequest("a base32 TOTP secret is required");
    }
    byte[] bytes;
    try {
      bytes = Base32.decode(base32);
    } catch (IllegalArgumentException e) {
      throw OutpostException.badRequest("TOTP secret: " + e.getMessage());
    }
    if (bytes.length < MIN_BYTES) {
      throw OutpostException.badRequest(
          "TOTP secret is too short: at least " + MIN_BYTES * 8 + " bits");
    }
    return new TotpSecret(bytes);
  }

  public String base32() {
    return Base32.encode(bytes);
  }

  /**
   * The {@code otpauth://} URI that authenticator apps read from a QR code (Key Uri Format):
   * SHA1, 6 digits, 30 s, as {@link Totp#STANDARD}.
   */
  public String uri(String issuer, String account) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + base32() + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=6&period=30";
  }

  /**
   * Checks a code of this secret.
   *
   * @return the step of the code, to be remembered as used
   * @throws OutpostException BAD_REQUEST when the code does not match
   */
  public long confirm(Totp totp, String code, Instant now) {
    return totp.verify(bytes, code == null ? null : code.strip(), now, Long.MIN_VALUE)
        .orElseThrow(() -> OutpostException.badRequest("the one-time code does not match the new"
            + " TOTP secret: check the authenticator's clock and enter the current code"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "TotpSecret[***]";
  }
}
