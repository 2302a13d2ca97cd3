package dev.outpost.api;

/**
 * {@code POST /api/v1/agent/recordings/{id}/chunks}: the next bytes of a recording. Accepted only
 * at the offset where the stored bytes end, and only when the checksum matches the data.
 *
 * @param proof the node's proof with subject {@link #subject}
 * @param timestamp epoch seconds the proof was made at
 * @param offset where these bytes go
 * @param data the bytes, base64
 * @param sha256 hex SHA-256 of the bytes
 */
public record RecordingChunk(
    CertificateProof proof, long timestamp, long offset, String data, String sha256) {

  public static String subject(String id, long offset, String sha256) {
    return "recording-chunk:" + id + ":" + offset + ":" + sha256;
  }
}
