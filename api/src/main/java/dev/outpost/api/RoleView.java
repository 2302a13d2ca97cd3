package dev.outpost.api;

import java.util.Map;

/**
 * A role as {@code GET /api/v1/admin/roles} lists it: the fields of the role resource, with only
 * what the role sets.
 *
 * @param name the role
 * @param allow what it grants: {@code logins}, {@code node_labels}, …
 * @param deny what it takes away
 * @param options session options such as {@code max_session_ttl}
 * @param builtin whether every cluster has this role (it cannot be removed)
 */
public record RoleView(String name, Map<String, Object> allow, Map<String, Object> deny,
    Map<String, Object> options, boolean builtin) {}
