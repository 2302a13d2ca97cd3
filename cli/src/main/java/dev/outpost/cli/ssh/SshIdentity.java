package dev.outpost.cli.ssh;

import dev.outpost.client.tunnel.CertificateProver;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * The user's SSH key with the certificate the proxy issued for it.
 *
 * @param key the key pair (plain public key)
 * @param certificateLine the certificate, authorized_keys format
 * @param certificate the parsed certificate
 */
public record SshIdentity(KeyPair key, String certificateLine, OpenSshCertificate certificate) {

  /** The pair MINA SSHD authenticates with: the certificate as public key, the private key. */
  public KeyPair certifiedKeyPair() {
    return new KeyPair(certificate, key.getPrivate());
  }

  /** The logins (principals) the certificate allows. */
  public List<String> logins() {
    return List.copyOf(certificate.getPrincipals());
  }

  /** Proves the certificate in the client tunnel's handshake. */
  public CertificateProver prover() {
    return new CertificateProver(key, certificateLine);
  }
}
