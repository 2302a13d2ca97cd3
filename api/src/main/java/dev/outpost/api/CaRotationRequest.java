package dev.outpost.api;

/**
 * {@code POST /api/v1/admin/ca/rotate}: make a new key the signer of one SSH CA.
 *
 * @param type {@code user} or {@code host}
 * @param grace how long the current key stays trusted, e.g. {@code 12h}; null for the default
 */
public record CaRotationRequest(String type, String grace) {}
