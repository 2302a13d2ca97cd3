package dev.outpost.client.tunnel;

import dev.outpost.api.CertificateProof;
import dev.outpost.client.http.WireJson;
import dev.outpost.tunnel.TunnelAuthenticator;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Objects;

/**
 * Answers the proxy's tunnel handshake nonce with a {@link CertificateProof}: the OpenSSH
 * certificate plus a signature by its key, as the JSON bytes of the AUTH credential. Agents use
 * their host certificate, users their user certificate.
 */
public final class CertificateProver implements TunnelAuthenticator.Prover {

  private final KeyPair key;
  private final String certificateLine;

  /**
   * @param key the key pair the certificate was issued for
   * @param certificateLine the OpenSSH certificate, authorized_keys format
   */
  public CertificateProver(KeyPair key, String certificateLine) {
    this.key = Objects.requireNonNull(key, "key");
    this.certificateLine = Objects.requireNonNull(certificateLine, "certificateLine");
  }

  @Override
  public byte[] prove(byte[] nonce) throws GeneralSecurityException, IOException {
    CertificateProof proof =
        CertificateProof.sign(key, certificateLine, CertificateProof.tunnelChallenge(nonce));
    return WireJson.mapper().writeValueAsBytes(proof);
  }
}
