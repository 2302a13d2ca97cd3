package dev.outpost.api;

import java.util.Map;

/**
 * {@code POST /api/v1/join}: an agent trades a single-use token for a host certificate.
 *
 * @param token the join token
 * @param name requested node name
 * @param labels node labels
 * @param publicKey the agent's host public key (authorized_keys format)
 */
public record JoinRequest(String token, String name, Map<String, String> labels, String publicKey) {}
