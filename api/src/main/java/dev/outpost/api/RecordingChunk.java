package dev.outpost.api;

/**
 * {@code POST /api/v1/agent/recordings/{id}/chunks?offset=N}: the next bytes of a recording, sent
 * as they are ({@code application/octet-stream}, at most {@link #MAX_BYTES}); the node's proof, its
 * timestamp and the bytes' SHA-256 travel in headers. Accepted only at the offset where the stored
 * bytes end, and only when the checksum matches the data.
 *
 * @param proof the node's proof with subject {@link #subject}
 * @param timestamp epoch seconds the proof was made at
 * @param offset where these bytes go
 * @param data the bytes
 * @param sha256 hex SHA-256 of the bytes
 */
public record RecordingChunk(
    CertificateProof proof, long timestamp, long offset, byte[] data, String sha256) {
  /** The largest chunk a proxy takes; one signed request per chunk, so the node sends this much. */
  public static final int MAX_BYTES = 1024 * 1024;
  public static final String CERTIFICATE_HEADER = "Outpost-Node-Certificate";
  public static final String SIGNATURE_HEADER = "Outpost-Node-Signature";
  public static final String TIMESTAMP_HEADER = "Outpost-Node-Timestamp";
  public static final String SHA256_HEADER = "Outpost-Content-SHA256";

  public static String subject(String id, long offset, String sha256) {
    return "recording-chunk:" + id + ":" + offset + ":" + sha256;
  }
}
