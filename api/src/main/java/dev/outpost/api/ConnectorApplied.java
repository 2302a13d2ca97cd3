package dev.outpost.api;

/**
 * Answer to {@code POST /api/v1/admin/sso}.
 *
 * @param created true when the connector is new, false when it replaced one of that name
 */
public record ConnectorApplied(String name, boolean created) {}
