package dev.outpost.api;

import java.time.Instant;

/**
 * A lock in force.
 *
 * @param id what {@code DELETE /api/v1/admin/locks/{id}} lifts
 * @param kind {@code user} or {@code node}
 * @param target the locked user or node
 * @param message why, or null
 * @param createdBy the admin who locked
 * @param expires when the lock ends
 */
public record LockView(
    String id, String kind, String target, String message, String createdBy, Instant expires) {}
