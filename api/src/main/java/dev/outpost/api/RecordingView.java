package dev.outpost.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded terminal session, as {@code GET /api/v1/recordings} lists it.
 *
 * @param id the recording
 * @param sessionId the SSH session it belongs to, or null
 * @param node where it was recorded
 * @param user the Outpost user
 * @param login the OS login
 * @param started when it began
 * @param ended when it ended, or null while it goes on
 * @param size bytes stored on the proxy
 * @param complete whether the node's checksum of the whole recording was confirmed
 * @param sha256 hex SHA-256 of the complete recording, or null
 */
public record RecordingView(
    UUID id,
    UUID sessionId,
    String node,
    String user,
    String login,
    Instant started,
    Instant ended,
    long size,
    boolean complete,
    String sha256) {}
