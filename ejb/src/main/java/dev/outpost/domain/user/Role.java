package dev.outpost.domain.user;

import dev.outpost.domain.shared.OutpostException;
import java.util.Locale;

/** What a user may do. Stored as the constant's name; on the wire in lowercase. */
public enum Role {
  /** Administers users, tokens and nodes. */
  ADMIN,
  /** Reaches nodes over SSH with the user's logins. */
  ACCESS;

  /** The lowercase wire name, e.g. {@code admin}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, with a clear error for unknown roles. */
  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    throw OutpostException.badRequest("unknown role '" + name + "': use admin or access");
  }
}
