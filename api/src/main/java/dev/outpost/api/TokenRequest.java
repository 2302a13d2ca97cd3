package dev.outpost.api;

/**
 * {@code POST /api/v1/admin/tokens}.
 *
 * @param type {@code node}, {@code kube}, {@code app} or {@code trusted_cluster}
 * @param ttl lifetime such as {@code 30m}; null for the default of 30 minutes
 */
public record TokenRequest(String type, String ttl) {}
