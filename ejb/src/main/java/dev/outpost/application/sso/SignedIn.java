package dev.outpost.application.sso;

import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.user.User;

/** A user the identity provider vouched for, with the roles this sign-in gave it. */
public record SignedIn(User user, RoleSet roles, OidcConnector connector) {}
