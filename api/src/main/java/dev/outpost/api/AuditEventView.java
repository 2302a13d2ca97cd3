package dev.outpost.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit event as {@code GET /api/v1/audit} lists it.
 *
 * @param id unique id (chosen by the node for events that happened there)
 * @param time when it happened
 * @param type one of the closed set, e.g. {@code session.start}
 * @param cluster the cluster it happened in
 * @param actor the user or node that acted
 * @param target what was acted on besides the node (user, token type, command, path), or null
 * @param node the node concerned, or null
 * @param login the OS login, or null
 * @param sessionId the SSH session, or null
 * @param remoteAddr the client's address, or null
 * @param outcome {@code SUCCESS} or {@code FAILURE}
 * @param reason why it failed, or details of a success
 */
public record AuditEventView(
    UUID id,
    Instant time,
    String type,
    String cluster,
    String actor,
    String target,
    String node,
    String login,
    UUID sessionId,
    String remoteAddr,
    String outcome,
    String reason) {}
