package dev.outpost.api;

/**
 * {@code POST /api/v1/clusters/join} on a root: a leaf cluster trades a single-use
 * {@code trusted_cluster} token for a tunnel certificate, and offers its CA keys.
 *
 * @param token the join token
 * @param cluster the leaf's cluster name
 * @param tunnelKey the public key the leaf's proxy proves itself with (authorized_keys format)
 * @param userCa the leaf's user CA public key
 * @param hostCa the leaf's host CA public key
 */
public record ClusterJoinRequest(
    String token, String cluster, String tunnelKey, String userCa, String hostCa) {}
