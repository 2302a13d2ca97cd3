package dev.outpost.api;

import java.time.Instant;

/**
 * A lock in force.
 *
 * @param kind {@code user} or {@code node}
 * @param target the locked user or node
 * @param message why, or null
 * @param expires when the lock ends
 */
public record LockView(String kind, String target, String message, Instant expires) {}
