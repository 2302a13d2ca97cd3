package dev.outpost.api;

/**
 * {@code POST /api/v1/nodes/renew}: a node proves it holds its current host certificate's key
 * and receives a fresh certificate for the same key.
 *
 * @param proof proof over a timestamped challenge, see {@link CertificateProof#renewalChallenge}
 * @param timestamp epoch seconds the proof was made at; the proxy accepts a small skew only
 */
public record RenewRequest(CertificateProof proof, long timestamp) {}
