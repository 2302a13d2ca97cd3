package dev.outpost.web.ws;

import dev.outpost.domain.user.UserIdentity;
import java.security.Principal;

/**
 * The console user a terminal upgrade was authorised for, handed from {@link
 * TerminalUpgradeFilter} to {@link TerminalEndpoint} as the request's principal: per connection,
 * unlike the endpoint configuration's shared user properties.
 */
record ConsolePrincipal(UserIdentity identity) implements Principal {

  @Override
  public String getName() {
    return identity.user();
  }
}
