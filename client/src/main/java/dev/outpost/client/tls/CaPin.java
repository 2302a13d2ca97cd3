package dev.outpost.client.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A CA pin, {@code sha256:HEX}: the SHA-256 of a certificate's SubjectPublicKeyInfo DER. Pinning
 * the key rather than the certificate keeps the pin valid when the CA certificate is re-issued for
 * the same key.
 *
 * @param hex 64 lowercase hex digits
 */
public record CaPin(String hex) {

  private static final String PREFIX = "sha256:";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public CaPin {
    if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a CA pin is sha256: followed by 64 hex digits");
    }
  }

  /** Parses {@code sha256:HEX} as printed by {@code outpost admin tokens add}. */
  public static CaPin parse(String text) {
    String pin = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!pin.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "invalid CA pin '" + text + "': expected sha256: followed by 64 hex digits");
    }
    return new CaPin(pin.substring(PREFIX.length()));
  }

  /** The pin of {@code certificate}'s public key. */
  public static CaPin of(X509Certificate certificate) {
    return new CaPin(HexFormat.of().formatHex(spkiDigest(certificate)));
  }

  /** Whether {@code certificate}'s public key is the pinned one (constant-time comparison). */
  public boolean matches(X509Certificate certificate) {
    return MessageDigest.isEqual(spkiDigest(certificate), HexFormat.of().parseHex(hex));
  }

  private static byte[] spkiDigest(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }
}
