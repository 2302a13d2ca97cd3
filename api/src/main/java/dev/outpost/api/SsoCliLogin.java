package dev.outpost.api;

/**
 * {@code POST /api/v1/sso/cli/login}: the state and code the provider sent to the CLI's loopback
 * listener, with the keys to sign; answered by a {@link LoginResponse} as a password login is.
 */
public record SsoCliLogin(String state, String code, String sshPublicKey, String tlsPublicKey,
    String ttl) {

  @Override
  public String toString() {
    return "SsoCliLogin[ttl=" + ttl + "]";
  }
}
