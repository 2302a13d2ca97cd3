package dev.outpost.agent.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** The node's host key: Ed25519, generated once on joining and kept in the data directory. */
public final class HostKeys {
  private HostKeys() {}

  public static KeyPair generate() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  /** The public half in authorized_keys format, as the join request carries it. */
  public static String publicKeyLine(KeyPair key) {
    return PublicKeyEntry.toString(key.getPublic());
  }
}
