package dev.outpost.application.sso;

import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.role.Traits;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.SsoClaims;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns verified claims into an Outpost user: created at the first sign-in (marked with the
 * connector, no password), and at every sign-in given the roles the connector's mapping yields,
 * the traits its claims supply, and the {@code logins} trait as OS logins. A user whose claims map
 * to no existing role is refused and told so. A local user of the same name is never taken over.
 */
final class SsoAccounts {

  /** The claim that names the user; Keycloak and most providers send it. */
  static final String USER_NAME_CLAIM = "preferred_username";

  private final UserRepository users;
  private final RoleDirectory roles;

  SsoAccounts(UserRepository users, RoleDirectory roles) {
    this.users = users;
    this.roles = roles;
  }

  /** The signed-in user with its new roles. */
  SignedIn signIn(OidcConnector connector, VerifiedIdentity identity, Instant now) {
    SsoClaims claims = identity.claims();
    String name = claims.single(USER_NAME_CLAIM)
        .orElseThrow(() -> new SsoRefusal("ID token has no single " + USER_NAME_CLAIM));
    UserName userName;
    try {
      userName = new UserName(name);
    } catch (OutpostException | IllegalArgumentException e) {
      throw new SsoRefusal("user name '" + name + "' from " + connector.name() + " is not valid",
          "your user name '" + name + "' cannot be used here: " + e.getMessage());
    }
    Map<String, List<String>> traits = new LinkedHashMap<>();
    connector.traits().forEach((trait, claim) -> traits.put(trait, claims.values(claim)));
    List<String> logins = traits.getOrDefault(OidcConnector.LOGINS_TRAIT, List.of());
    Set<String> mapped = connector.rolesFor(claims);
    RoleSet roleSet = roles.resolve(mapped, new Traits(logins, traits));
    if (roleSet.names().isEmpty()) {
      throw new SsoRefusal(name + " has no claim that maps to an existing role (mapped: "
          + mapped + ")", "you have no Outpost role: none of your " + connector.display()
          + " groups maps to one; ask an admin");
    }
    User user = users.findByName(userName.value()).orElse(null);
    if (user == null) {
      user = User.sso(userName, connector.name(), now);
      users.add(user);
    } else if (!user.ssoConnector().filter(connector.name()::equals).isPresent()) {
      throw new SsoRefusal("user " + name + " exists and was not created by connector "
          + connector.name(), "user " + name + " exists here already; ask an admin");
    }
    try {
      user.signedIn(Set.copyOf(roleSet.names()), logins, traits);
    } catch (OutpostException e) {
      throw new SsoRefusal("claims of " + name + " give invalid logins: " + e.getMessage(),
          e.getMessage());
    }
    return new SignedIn(user, roleSet, connector, identity.sessionEnds());
  }
}
