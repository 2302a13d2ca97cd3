package dev.outpost.ca;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/** OpenSSH public keys: parsing the ones Outpost accepts, formatting, fingerprints. */
public final class SshKeys {

  static final int MIN_RSA_BITS = 2048;
  private static final String ED25519_TYPE = "ssh-ed25519";
  private static final int MAX_LINE = 16_384;

  private SshKeys() {}

  /**
   * Parses an {@code authorized_keys} line holding an Ed25519, ECDSA or RSA (at least 2048 bits)
   * public key; certificates and other key types are refused.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static PublicKey parsePublicKey(String line) {
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException("public key is missing");
    }
    if (line.length() > MAX_LINE) {
      throw new IllegalArgumentException("public key is too long");
    }
    PublicKey key;
    try {
      key = PublicKeyEntry.parsePublicKeyEntry(line.trim()).resolvePublicKey(null, null, null);
    } catch (Exception | Error e) {
      key = null;
    }
    if (key == null) {
      throw new IllegalArgumentException(
          "public key is not an OpenSSH public key (authorized_keys format)");
    }
    if (key instanceof OpenSshCertificate) {
      throw new IllegalArgumentException("a certificate is not accepted as a public key");
    }
    checkAlgorithm(key);
    return key;
  }

  /** The key in {@code authorized_keys} format, without comment. */
  public static String format(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  /** OpenSSH's SHA-256 fingerprint, e.g. {@code SHA256:base64}. */
  public static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(key);
  }

  /** A new Ed25519 key pair, as used by the SSH CAs. */
  public static KeyPair generateEd25519(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
    generator.initialize(256, random);
    return generator.generateKeyPair();
  }

  /** {@code key} as an OpenSSH private key file, unencrypted: seal it before it is stored. */
  public static byte[] privateKeyFile(KeyPair key, String comment)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, comment, null, out);
    return out.toByteArray();
  }

  /** The key pair of an OpenSSH private key file that {@link #privateKeyFile} wrote. */
  public static KeyPair readPrivateKeyFile(byte[] file, String what)
      throws IOException, GeneralSecurityException {
    Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(
            null, null, new ByteArrayInputStream(file), null)
        .iterator();
    if (!keys.hasNext()) {
      throw new GeneralSecurityException("no key in the " + what + " key file");
    }
    return keys.next();
  }

  private static void checkAlgorithm(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new IllegalArgumentException(
            "RSA key of " + bits + " bits is too short: at least " + MIN_RSA_BITS + " are needed");
      }
      return;
    }
    String type = KeyUtils.getKeyType(key);
    if (key instanceof ECPublicKey || ED25519_TYPE.equals(type)) {
      return;
    }
    throw new IllegalArgumentException(
        "unsupported key type " + type + ": use Ed25519, ECDSA or RSA (at least 2048 bits)");
  }
}
