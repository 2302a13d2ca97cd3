package dev.outpost.api;

import java.time.Instant;
import java.util.Map;

/**
 * One node as listed by {@code GET /api/v1/nodes}.
 *
 * @param name node name, unique in its cluster
 * @param cluster cluster the node belongs to
 * @param address {@code tunnel} for nodes reached over a reverse tunnel
 * @param labels the node's labels
 * @param online whether the node's tunnel is connected now
 * @param lastSeen last heartbeat, or null if never connected
 * @param reconnecting whether the node's tunnel was lost and its sessions still wait for it to
 *     come back (the tunnel's resume grace); false when online or offline
 */
public record NodeView(
    String name,
    String cluster,
    String address,
    Map<String, String> labels,
    boolean online,
    Instant lastSeen,
    boolean reconnecting) {}
