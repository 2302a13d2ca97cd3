package dev.outpost.api;

import java.time.Instant;
import java.util.List;

/**
 * A created user and the one-time invite to set a password.
 *
 * @param inviteUrl browser URL of the invite
 * @param inviteCode the invite secret, for {@code POST /api/v1/invites/{code}}
 * @param expires when the invite lapses
 */
public record UserCreated(
    String name,
    List<String> roles,
    List<String> logins,
    String inviteUrl,
    String inviteCode,
    Instant expires) {}
