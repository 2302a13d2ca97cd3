package dev.outpost.api;

import java.time.Instant;

/**
 * One key of a cluster's SSH CAs, as {@code GET /api/v1/admin/ca} lists them.
 *
 * @param type {@code user} or {@code host}
 * @param status {@code active} for the key that signs, {@code trusted} for one a rotation retired
 * @param fingerprint OpenSSH SHA-256 fingerprint
 * @param key the public key in authorized_keys format
 * @param trustedUntil when a retired key stops being trusted; null for the active one
 */
public record CaKeyView(String type, String status, String fingerprint, String key,
    Instant trustedUntil) {}
