package dev.outpost.cli.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Fresh key pairs for one login: Ed25519 for SSH, EC P-256 for TLS client certificates. Only the
 * public halves travel to the proxy; new keys at every login keep a stolen old key useless once its
 * certificate lapses.
 */
public record LoginKeys(KeyPair ssh, KeyPair tls) {

  public static LoginKeys generate() throws GeneralSecurityException {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    return new LoginKeys(
        KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), ec.generateKeyPair());
  }

  /** The SSH public key, authorized_keys format, as the login request carries it. */
  public String sshPublicKeyLine() {
    return PublicKeyEntry.toString(ssh.getPublic());
  }

  /** The TLS public key as base64 DER SubjectPublicKeyInfo, as the login request carries it. */
  public String tlsPublicKeyBase64() {
    return Base64.getEncoder().encodeToString(tls.getPublic().getEncoded());
  }

  /** The SSH private key in OpenSSH's own format, unencrypted (the file is mode 0600). */
  public String sshPrivateKeyOpenSsh(String comment) throws GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
          ssh, comment, (OpenSSHKeyEncryptionContext) null, out);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode the SSH key", e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
