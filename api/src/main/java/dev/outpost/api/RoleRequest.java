package dev.outpost.api;

/**
 * {@code POST /api/v1/admin/roles}: creates a role or replaces the role of the same name.
 *
 * @param resource the role resource as YAML (or JSON), as in {@code outpost admin roles create -f}
 */
public record RoleRequest(String resource) {}
