package dev.outpost.api;

/**
 * {@code POST /api/v1/invites/{code}}: the password chosen by an invited user and, optionally, a
 * TOTP secret to enrol at once.
 *
 * @param password the new password
 * @param totpSecret a base32 secret from {@code /mfa/totp/secret}, or null
 * @param totpCode the current code of {@code totpSecret}; required with it
 */
public record InviteAcceptance(String password, String totpSecret, String totpCode) {

  @Override
  public String toString() {
    return "InviteAcceptance[***]";
  }
}
