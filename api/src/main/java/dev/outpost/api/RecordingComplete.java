package dev.outpost.api;

import java.time.Instant;

/**
 * {@code POST /api/v1/agent/recordings/{id}/complete}: the recording ended on the node with
 * {@code size} bytes whose SHA-256 is {@code sha256}. The proxy confirms only when the bytes it
 * holds are exactly those; the node deletes its copy only after that confirmation.
 *
 * @param proof the node's proof with subject {@link #subject}
 * @param timestamp epoch seconds the proof was made at
 * @param size total bytes
 * @param sha256 hex SHA-256 of the whole recording
 * @param ended when the session ended
 */
public record RecordingComplete(
    CertificateProof proof, long timestamp, long size, String sha256, Instant ended) {

  public static String subject(String id, long size, String sha256) {
    return "recording-complete:" + id + ":" + size + ":" + sha256;
  }
}
