package dev.outpost.api;

import java.time.Instant;

/**
 * One cluster as listed by {@code GET /api/v1/clusters} and {@code GET /api/v1/admin/clusters}.
 *
 * @param name cluster name
 * @param kind {@code self} for the cluster answering, {@code leaf} for a leaf that joined it,
 *     {@code root} for a root it joined
 * @param online whether the tunnel between the two is up now (always true for {@code self})
 * @param lastSeen when the tunnel was last up, or null
 * @param hostCa the cluster's host CA public key, for an {@code @cert-authority} line
 */
public record TrustedClusterView(
    String name, String kind, boolean online, Instant lastSeen, String hostCa) {}
