package dev.outpost.api;

import java.util.List;

/**
 * {@code POST /api/v1/admin/clusters} on a leaf: join the root at {@code proxy}.
 *
 * @param proxy the root's public address, {@code HOST:PORT}
 * @param token a {@code trusted_cluster} token of the root
 * @param caPin the root's CA pin, {@code sha256:HEX}
 * @param roleMap which leaf roles the root's roles get
 * @param forwardAudit whether this leaf sends its audit events to the root too
 */
public record ClusterTrustRequest(
    String proxy, String token, String caPin, List<RoleMapping> roleMap, boolean forwardAudit) {}
