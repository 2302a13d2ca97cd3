package dev.outpost.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * Proof that the sender holds the private key of an OpenSSH certificate: the certificate plus a
 * signature over a challenge. Agents present it to open their tunnel and to renew their host
 * certificate, users to open a client tunnel, so that no bearer secret crosses the wire after
 * joining. Verifying the proof shows possession only; whether the certificate itself is trusted
 * (CA, type, principals, validity) is the verifier's next step.
 *
 * @param certificate the OpenSSH certificate in authorized_keys format
 * @param signature base64 of the raw signature over the challenge, in the key's SSH algorithm
 */
public record CertificateProof(String certificate, String signature) {

  private static final String TUNNEL_PURPOSE = "outpost-tunnel-auth-v1";
  private static final String RENEWAL_PURPOSE = "outpost-host-renewal-v1";
  private static final String NODE_REQUEST_PURPOSE = "outpost-node-request-v1";

  /** The bytes signed to answer a tunnel handshake nonce. */
  public static byte[] tunnelChallenge(byte[] nonce) {
    return challenge(TUNNEL_PURPOSE, nonce);
  }

  /** The bytes signed to ask for a renewed host certificate at {@code epochSeconds}. */
  public static byte[] renewalChallenge(String node, long epochSeconds) {
    return challenge(
        RENEWAL_PURPOSE, (node + "\n" + epochSeconds).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The bytes a node signs for one REST request (recording upload, events) at {@code epochSeconds};
   * {@code subject} names the request and its content, so a proof fits no other request.
   */
  public static byte[] nodeRequestChallenge(String node, String subject, long epochSeconds) {
    return challenge(NODE_REQUEST_PURPOSE,
        (node + "\n" + subject + "\n" + epochSeconds).getBytes(StandardCharsets.UTF_8));
  }

  /** Signs {@code challenge} with {@code key}, the key pair the certificate was issued for. */
  public static CertificateProof sign(KeyPair key, String certificateLine, byte[] challenge)
      throws GeneralSecurityException {
    Signature signer = signatureFor(key.getPublic());
    PrivateKey privateKey = key.getPrivate();
    try {
      signer.initSigner(null, privateKey);
      signer.update(null, challenge);
      return new CertificateProof(
          certificateLine.trim(), Base64.getEncoder().encodeToString(signer.sign(null)));
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("cannot sign challenge: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the signature over {@code challenge} against the certificate's key.
   *
   * @return the parsed certificate (an {@code OpenSshCertificate} when the line is one)
   * @throws GeneralSecurityException with a precise reason when the proof is malformed or wrong
   */
  public PublicKey verify(byte[] challenge) throws GeneralSecurityException {
    if (certificate == null || signature == null) {
      throw new GeneralSecurityException("proof lacks a certificate or a signature");
    }
    if (certificate.length() > 16_384 || signature.length() > 4_096) {
      throw new GeneralSecurityException("proof is oversized");
    }
    PublicKey key = parseCertificate(certificate);
    byte[] rawSignature;
    try {
      rawSignature = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("proof signature is not base64");
    }
    Signature verifier = signatureFor(key);
    try {
      verifier.initVerifier(null, signedKey(key));
      verifier.update(null, challenge);
      if (!verifier.verify(null, rawSignature)) {
        throw new GeneralSecurityException("proof signature does not match the certificate key");
      }
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("proof signature is malformed: " + e.getMessage(), e);
    }
    return key;
  }

  /** Parses one authorized_keys line, with a clear error for anything else. */
  public static PublicKey parseCertificate(String line) throws GeneralSecurityException {
    try {
      PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line.trim()).resolvePublicKey(null, null, null);
      if (key == null) {
        throw new GeneralSecurityException("unsupported key type in certificate");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception | Error e) {
      throw new GeneralSecurityException("malformed OpenSSH certificate: " + e.getMessage(), e);
    }
  }

  private static PublicKey signedKey(PublicKey key) {
    return key instanceof org.apache.sshd.common.config.keys.OpenSshCertificate cert
        ? cert.getCertPubKey()
        : key;
  }

  private static Signature signatureFor(PublicKey key) throws GeneralSecurityException {
    String keyType = KeyUtils.getKeyType(signedKey(key));
    String algorithm = KeyUtils.RSA_SHA512_KEY_TYPE_ALIAS;
    if (!KeyUtils.RSA_SHA256_KEY_TYPE_ALIAS.equals(keyType) && !"ssh-rsa".equals(keyType)) {
      algorithm = keyType;
    }
    BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(algorithm);
    if (factory == null || !factory.isSupported()) {
      throw new GeneralSecurityException("unsupported key type for proofs: " + keyType);
    }
    return factory.create();
  }

  private static byte[] challenge(String purpose, byte[] payload) {
    byte[] tag = purpose.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(tag.length + 1 + payload.length)
        .put(tag)
        .put((byte) 0)
        .put(payload)
        .array();
  }
}
