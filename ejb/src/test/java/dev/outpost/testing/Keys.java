package dev.outpost.testing;

import dev.outpost.ca.SshKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;

/** Client key pairs for tests. */
public final class Keys {

  private Keys() {}

  public static KeyPair ed25519() {
    try {
      return SshKeys.generateEd25519(new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key in authorized_keys format. */
  public static String line(KeyPair key) {
    return SshKeys.format(key.getPublic());
  }
}
