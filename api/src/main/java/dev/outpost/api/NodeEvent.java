package dev.outpost.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An audit event that happened on a node ({@code exec}, {@code scp}, {@code sftp},
 * {@code port_forward}). Its id is chosen on the node, so that the proxy keeps it once however
 * often it is delivered.
 *
 * @param id unique id
 * @param time when it happened
 * @param type the audit event type's wire name
 * @param sessionId the proxy's SSH session id, or null
 * @param user the Outpost user
 * @param login the OS login
 * @param target the command, path or forwarding target
 * @param outcome {@code SUCCESS} or {@code FAILURE}
 * @param reason details, or why it failed
 */
public record NodeEvent(
    UUID id,
    Instant time,
    String type,
    UUID sessionId,
    String user,
    String login,
    String target,
    String outcome,
    String reason) {}
