package dev.outpost.api;

/**
 * {@code POST /api/v1/mfa/totp/secret}: a fresh TOTP secret for {@code user} to load into an
 * authenticator app. Nothing is stored until the enrolment is confirmed.
 */
public record TotpSecretRequest(String user) {}
