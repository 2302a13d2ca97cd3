package dev.outpost.api;

/**
 * What a root answers a joining leaf.
 *
 * @param cluster the root's cluster name
 * @param userCa the root's user CA public key: the leaf accepts user certificates it signed
 * @param hostCa the root's host CA public key
 * @param tunnelCertificate the leaf's tunnel certificate (OpenSSH host certificate, key id = the
 *     leaf's name), signed by the root's host CA
 */
public record ClusterJoinResponse(
    String cluster, String userCa, String hostCa, String tunnelCertificate) {}
