package dev.outpost.api;

import java.util.List;

/**
 * What an admin changes about a user: the fields given replace the user's, absent fields stay.
 *
 * @param roles the user's roles from now on, or null to keep them
 * @param logins the user's OS logins from now on, or null to keep them
 */
public record UserUpdate(List<String> roles, List<String> logins) {}
