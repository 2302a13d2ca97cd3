package dev.outpost.domain.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verified claims of a user's ID token, read as the connector's mapping needs them: every
 * claim as a list of strings (a single string is a list of one; numbers and booleans are written
 * out; anything nested is ignored, never guessed at).
 */
public final class SsoClaims {

  private final Map<String, Object> claims;

  public SsoClaims(Map<String, Object> claims) {
    this.claims = Map.copyOf(claims);
  }

  /** The values of {@code claim}; empty when the token does not carry it. */
  public List<String> values(String claim) {
    Object value = claims.get(claim);
    List<String> values = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.stream().filter(SsoClaims::isScalar).map(Object::toString).forEach(values::add);
    } else if (isScalar(value)) {
      values.add(value.toString());
    }
    return List.copyOf(values);
  }

  /** The single string value of {@code claim}, if it has exactly one. */
  public java.util.Optional<String> single(String claim) {
    List<String> values = values(claim);
    return values.size() == 1 ? java.util.Optional.of(values.get(0)) : java.util.Optional.empty();
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }
}
