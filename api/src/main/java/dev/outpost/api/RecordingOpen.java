package dev.outpost.api;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/v1/agent/recordings/{id}}: a node announces a recording (again, after a
 * restart or a lost answer: the call is idempotent) and learns how many bytes the proxy holds.
 *
 * @param proof the node's host certificate proof over {@link CertificateProof#nodeRequestChallenge}
 *     with subject {@code recording-open:ID}
 * @param timestamp epoch seconds the proof was made at
 * @param sessionId the proxy's SSH session id, or null when the session did not come through it
 * @param user the Outpost user, as the proxy told the node
 * @param login the OS login
 * @param started when the recording began
 */
public record RecordingOpen(
    CertificateProof proof,
    long timestamp,
    UUID sessionId,
    String user,
    String login,
    Instant started) {

  public static String subject(String id) {
    return "recording-open:" + id;
  }
}
