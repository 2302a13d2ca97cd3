package dev.outpost.api;

import java.time.Instant;

/**
 * One audit event as {@code GET /api/v1/admin/audit} lists it; optional fields are null.
 *
 * @param type the event's wire name, e.g. {@code session.start}
 * @param outcome {@code success} or {@code failure}
 * @param message the reason of a failure or details, e.g. {@code origin=web, bytes in 12, out 34}
 */
public record AuditEventView(
    String id,
    Instant time,
    String type,
    String cluster,
    String actor,
    String node,
    String login,
    String sessionId,
    String remoteAddr,
    String outcome,
    String message) {}
