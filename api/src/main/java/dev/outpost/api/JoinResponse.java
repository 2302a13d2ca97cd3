package dev.outpost.api;

import java.util.List;

/**
 * The identity a node receives on joining or renewing.
 *
 * @param cluster cluster name
 * @param node node name
 * @param hostCertificate OpenSSH host certificate for the agent's key, principals {@code node}
 *     and {@code node.cluster}
 * @param userCaKeys OpenSSH keys whose user certificates the node accepts
 * @param tlsCaPem the cluster's X.509 CA in PEM, trusted for later connections
 */
public record JoinResponse(
    String cluster, String node, String hostCertificate, List<String> userCaKeys, String tlsCaPem) {}
