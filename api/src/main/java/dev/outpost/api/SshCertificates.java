package dev.outpost.api;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Collection;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * The checks every verifier of an OpenSSH certificate makes, written once for the proxy's CAs,
 * the agent's SSH server (user certificates) and the CLI (host certificates).
 *
 * <p>Each rule is a predicate of its own rather than one {@code verify} method, because each
 * caller checks in its own order and explains a refusal in its own words (an SSH login refusal
 * in the agent's log, a host key refusal to the CLI's user, an audit line on the proxy).
 *
 * <p>MINA runs similar checks during key exchange and user authentication; callers repeat them
 * here so that trust never hinges on a MINA default.
 */
public final class SshCertificates {

  private SshCertificates() {}

  /** Whether {@code certificate} is a user or a host certificate, as {@code type} says. */
  public static boolean isOfType(OpenSshCertificate certificate, OpenSshCertificate.Type type) {
    return certificate.getType() == type;
  }

  /**
   * Whether the CA key that {@code certificate} names is one of {@code caKeys}. The signature is
   * a separate check: {@link #signatureVerifies}.
   */
  public static boolean isIssuedByOneOf(
      OpenSshCertificate certificate, Collection<? extends PublicKey> caKeys) {
    PublicKey issuer = certificate.getCaPubKey();
    return caKeys.stream().anyMatch(trusted -> sameKey(trusted, issuer));
  }

  /** Whether the certificate's signature algorithm is one this JVM can verify at all. */
  public static boolean hasSupportedSignature(OpenSshCertificate certificate) {
    return supportedSignature(certificate) != null;
  }

  /**
   * Whether the CA signature over the certificate verifies with the CA key it names. This says
   * nothing about whether that CA is trusted: check {@link #isIssuedByOneOf} as well.
   */
  public static boolean signatureVerifies(OpenSshCertificate certificate) {
    BuiltinSignatures algorithm = supportedSignature(certificate);
    if (algorithm == null) {
      return false;
    }
    try {
      Signature verifier = algorithm.create();
      verifier.initVerifier(null, certificate.getCaPubKey());
      verifier.update(null, certificate.getMessage());
      return verifier.verify(null, certificate.getSignature());
    } catch (Exception malformed) {
      // a key or signature that does not even parse is simply not a valid signature
      return false;
    }
  }

  /** Whether {@code at} lies in the certificate's window: valid-after ≤ at &lt; valid-before. */
  public static boolean isValidAt(OpenSshCertificate certificate, Instant at) {
    return !isNotYetValidAt(certificate, at) && !hasExpiredAt(certificate, at);
  }

  /**
   * Whether {@code at} is before the certificate's valid-after. Both validity fields are unsigned
   * 64-bit seconds, so they are compared unsigned; an instant before 1970 precedes them all.
   */
  public static boolean isNotYetValidAt(OpenSshCertificate certificate, Instant at) {
    long seconds = at.getEpochSecond();
    return seconds < 0 || Long.compareUnsigned(seconds, certificate.getValidAfter()) < 0;
  }

  /**
   * Whether {@code at} is at or after the certificate's valid-before. Compared unsigned, so that
   * OpenSSH's "forever" ({@code 0xffffffffffffffff}, a negative {@code long}) never expires.
   */
  public static boolean hasExpiredAt(OpenSshCertificate certificate, Instant at) {
    long seconds = at.getEpochSecond();
    return seconds >= 0 && Long.compareUnsigned(seconds, certificate.getValidBefore()) >= 0;
  }

  /** Whether {@code principal} is among the certificate's principals (login or host name). */
  public static boolean namesPrincipal(OpenSshCertificate certificate, String principal) {
    Collection<String> principals = certificate.getPrincipals();
    return principals != null && principals.contains(principal);
  }

  /**
   * Whether two keys are the same key. Compares their OpenSSH encoding, so that one key loaded
   * through two security providers (two Java classes) still counts as the same.
   */
  public static boolean sameKey(PublicKey a, PublicKey b) {
    return PublicKeyEntry.toString(a).equals(PublicKeyEntry.toString(b));
  }

  private static BuiltinSignatures supportedSignature(OpenSshCertificate certificate) {
    BuiltinSignatures algorithm =
        BuiltinSignatures.fromFactoryName(certificate.getSignatureAlgorithm());
    return algorithm != null && algorithm.isSupported() ? algorithm : null;
  }
}
