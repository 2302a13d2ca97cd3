package dev.outpost.api;

import java.util.List;

/**
 * Public facts about a cluster, served without authentication at {@code GET /api/v1/cluster}.
 *
 * @param cluster the cluster name, the suffix of every node address ({@code node.cluster})
 * @param version the proxy's version
 * @param caPin {@code sha256:HEX} of the X.509 CA's SubjectPublicKeyInfo
 * @param hostCaKeys OpenSSH public keys (authorized_keys format) that sign node host certificates
 * @param userCaKeys OpenSSH public keys that sign user certificates
 * @param tlsCaPem the X.509 CA certificate in PEM
 */
public record ClusterInfo(
    String cluster,
    String version,
    String caPin,
    List<String> hostCaKeys,
    List<String> userCaKeys,
    String tlsCaPem) {}
