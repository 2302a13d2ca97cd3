package dev.outpost.api;

/**
 * {@code POST /api/v1/admin/locks}: blocks the sessions of a user or to a node. Exactly one of
 * {@code user} and {@code node}.
 *
 * @param user the user to lock
 * @param node the node to lock
 * @param ttl how long, such as {@code 1h}; null for 12 hours
 * @param message why, shown to whoever is refused
 */
public record LockRequest(String user, String node, String ttl, String message) {}
