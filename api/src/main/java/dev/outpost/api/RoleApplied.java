package dev.outpost.api;

/**
 * Answer to {@code POST /api/v1/admin/roles}.
 *
 * @param name the role
 * @param created true when the role is new, false when it replaced an existing one
 */
public record RoleApplied(String name, boolean created) {}
