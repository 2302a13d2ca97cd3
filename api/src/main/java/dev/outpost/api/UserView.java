package dev.outpost.api;

import java.time.Instant;
import java.util.List;

/**
 * A local user as admins list them.
 *
 * @param roles role names, sorted
 * @param logins the user's own logins ({@code {{internal.logins}}}), sorted
 * @param totp whether a TOTP second factor is enrolled
 * @param passwordSet false while the invite is not accepted
 */
public record UserView(
    String name,
    List<String> roles,
    List<String> logins,
    boolean totp,
    boolean passwordSet,
    Instant created) {}
