package dev.outpost.api;

/**
 * {@code POST /api/v1/mfa/totp}: enrols (or replaces) a user's TOTP secret.
 *
 * @param user user name
 * @param password the user's password
 * @param totp a code of the current secret when the user already has one, else null
 * @param secret the new secret in base32, as offered by {@code /mfa/totp/secret}
 * @param code the current code of the new secret, proving the authenticator holds it
 */
public record TotpEnrollmentRequest(
    String user, String password, String totp, String secret, String code) {

  @Override
  public String toString() {
    return "TotpEnrollmentRequest[user=" + user + "]";
  }
}
