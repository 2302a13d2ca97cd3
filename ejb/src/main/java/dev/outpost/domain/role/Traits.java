package dev.outpost.domain.role;

import java.util.List;
import java.util.Map;

/**
 * What is known about a user that role templates may refer to.
 *
 * @param logins the user's own OS logins: {@code {{internal.logins}}}
 * @param external claims of the user's single sign-on identity: {@code {{external.<claim>}}}
 */
public record Traits(List<String> logins, Map<String, List<String>> external) {

  public Traits {
    logins = List.copyOf(logins);
    external = Map.copyOf(external);
  }

  /** A local user's traits. */
  public static Traits local(List<String> logins) {
    return new Traits(logins, Map.of());
  }
}
