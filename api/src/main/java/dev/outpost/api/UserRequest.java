package dev.outpost.api;

import java.util.List;

/** {@code POST /api/v1/admin/users}: a new local user, who sets a password through an invite. */
public record UserRequest(String name, List<String> roles, List<String> logins) {}
