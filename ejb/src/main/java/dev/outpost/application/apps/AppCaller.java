package dev.outpost.application.apps;

import dev.outpost.domain.user.UserIdentity;
import java.util.UUID;

/**
 * Who a request to an app comes from, once its app cookie checked out.
 *
 * @param identity the user
 * @param session the app session's id, in the audit events of its requests
 */
public record AppCaller(UserIdentity identity, UUID session) {}
