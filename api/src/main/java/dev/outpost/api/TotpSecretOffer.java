package dev.outpost.api;

/**
 * A fresh TOTP secret (SHA1, 6 digits, 30 s steps).
 *
 * @param secret the secret in base32, to type into an authenticator app
 * @param otpauthUri the same as an {@code otpauth://totp/...} URI, for a QR code
 */
public record TotpSecretOffer(String user, String secret, String otpauthUri) {}
