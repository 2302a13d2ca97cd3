package dev.outpost.domain.sso;

import java.util.List;

/**
 * One rule of a connector's {@code claims_to_roles}: a user whose claim {@code claim} is
 * {@code value} (or, for a list claim such as {@code groups}, contains it) gets {@code roles}.
 */
public record ClaimMapping(String claim, String value, List<String> roles) {

  public ClaimMapping {
    roles = List.copyOf(roles);
  }

  /** Whether the user with these claims matches this rule. */
  public boolean matches(SsoClaims claims) {
    return claims.values(claim).contains(value);
  }
}
