package dev.outpost.api;

/**
 * {@code POST /api/v1/sso/cli/device/login}: one poll of a device sign-in, with the keys to sign
 * once the user has signed in.
 */
public record SsoDeviceLogin(String handle, String sshPublicKey, String tlsPublicKey,
    String ttl) {

  @Override
  public String toString() {
    return "SsoDeviceLogin[ttl=" + ttl + "]";
  }
}
