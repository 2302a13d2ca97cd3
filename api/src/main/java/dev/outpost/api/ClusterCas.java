package dev.outpost.api;

import java.util.List;

/**
 * What trusted clusters tell each other on the {@code cas} stream of their tunnel: the CA keys
 * each trusts now, so that a rotation on either side reaches the other.
 *
 * @param cluster the name of the cluster telling
 * @param userCaKeys its user CA keys, the one that signs first ({@link TrustedCaKeys})
 * @param hostCaKeys its host CA keys, likewise
 * @param tunnelCertificate from the leaf: the tunnel certificate it presents; from the root: a new
 *     one for the same key when the leaf's was not signed by the root's current host CA key (after
 *     a rotation), else null
 */
public record ClusterCas(String cluster, List<String> userCaKeys, List<String> hostCaKeys,
    String tunnelCertificate) {}
