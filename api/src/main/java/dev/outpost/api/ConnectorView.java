package dev.outpost.api;

import java.util.List;
import java.util.Map;

/**
 * A connector as {@code GET /api/v1/admin/sso} lists it: never with its client secret.
 *
 * @param claimsToRoles one {@code CLAIM=VALUE -> ROLE,ROLE} line per rule
 */
public record ConnectorView(String name, String kind, String display, String issuerUrl,
    String clientId, List<String> redirectUrls, List<String> claimsToRoles,
    Map<String, String> traits) {}
