package dev.outpost.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/me}: the identity behind a session token. */
public record StatusResponse(
    String user, String cluster, List<String> roles, List<String> logins, Instant expires) {}
