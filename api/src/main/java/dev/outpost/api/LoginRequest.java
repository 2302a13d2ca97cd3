package dev.outpost.api;

/**
 * {@code POST /api/v1/login}: password (and TOTP when enrolled) for short-lived certificates.
 *
 * @param user user name
 * @param password the password
 * @param totp six-digit code, null when the user has no TOTP enrolled
 * @param sshPublicKey the client's OpenSSH public key (authorized_keys format); its private key
 *     never leaves the client
 * @param tlsPublicKey the client's public key as base64 DER SubjectPublicKeyInfo, or null
 * @param ttl requested certificate lifetime such as {@code 12h} or {@code 30m}; null for the default
 */
public record LoginRequest(
    String user, String password, String totp, String sshPublicKey, String tlsPublicKey, String ttl) {}
