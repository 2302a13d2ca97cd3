package dev.outpost.domain.sso;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenID Connect connector as an admin described it ({@code kind: oidc}, see
 * {@link ConnectorYaml}). The client secret is present only while the resource is being applied;
 * a stored connector carries it sealed beside the resource.
 *
 * @param display the name shown on the sign-in button
 * @param redirectUrls the allowlist of redirect URLs; empty means the proxy's own callback only
 * @param traits trait name to the claim that supplies it, e.g. {@code logins → unix_logins}
 */
public record OidcConnector(
    String name,
    String display,
    URI issuer,
    String clientId,
    Optional<String> clientSecret,
    List<URI> redirectUrls,
    List<ClaimMapping> claimsToRoles,
    Map<String, String> traits) {

  /** The trait whose values become the user's OS logins. */
  public static final String LOGINS_TRAIT = "logins";

  public OidcConnector {
    redirectUrls = List.copyOf(redirectUrls);
    claimsToRoles = List.copyOf(claimsToRoles);
    traits = Map.copyOf(traits);
  }

  /** The same connector with its client secret. */
  public OidcConnector withSecret(String secret) {
    return new OidcConnector(name, display, issuer, clientId, Optional.of(secret), redirectUrls,
        claimsToRoles, traits);
  }

  /** The roles that the rules give a user with these claims, sorted; empty when none matches. */
  public Set<String> rolesFor(SsoClaims claims) {
    Set<String> roles = new TreeSet<>();
    claimsToRoles.stream().filter(rule -> rule.matches(claims))
        .forEach(rule -> roles.addAll(rule.roles()));
    return roles;
  }

  /**
   * Whether {@code redirect} is on the allowlist: equal to an entry, or, for an entry on a
   * loopback address over plain HTTP, equal but for the port, which a native client picks at
   * run time (RFC 8252, section 7.3).
   */
  public boolean allowsRedirect(URI redirect, URI defaultRedirect) {
    List<URI> allowed = redirectUrls.isEmpty() ? List.of(defaultRedirect) : redirectUrls;
    return allowed.stream().anyMatch(entry -> entry.equals(redirect)
        || (ConnectorYaml.isLoopback(entry) && "http".equals(entry.getScheme())
            && "http".equals(redirect.getScheme())
            && entry.getHost().equals(redirect.getHost())
            && entry.getRawPath().equals(redirect.getRawPath())
            && redirect.getRawQuery() == null && redirect.getRawFragment() == null));
  }

  @Override
  public String toString() {
    return "OidcConnector[name=" + name + ", issuer=" + issuer + ", client=" + clientId + "]";
  }
}
