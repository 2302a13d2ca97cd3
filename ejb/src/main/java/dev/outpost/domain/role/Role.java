package dev.outpost.domain.role;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role resource: what it allows, what it denies (deny wins), and session options. Checked once
 * when parsed ({@link RoleYaml}); immutable.
 *
 * @param name unique name, e.g. {@code edge-ops}
 * @param allow what the role grants
 * @param deny what the role takes away, whatever any role grants
 * @param options session options
 */
public record Role(String name, RoleConditions allow, RoleConditions deny, RoleOptions options) {

  /** Role that administers users, roles, tokens and locks. */
  public static final String ADMIN = "admin";
  /** Role that reaches every node with the user's own logins. */
  public static final String ACCESS = "access";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  public Role {
    checkName(name);
    Objects.requireNonNull(allow, "allow");
    Objects.requireNonNull(deny, "deny");
    Objects.requireNonNull(options, "options");
  }

  /** @throws RoleException unless {@code name} is a valid role name */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new RoleException("role name '" + name + "' is invalid: use 1-64 lowercase letters, "
          + "digits, '_', '.' or '-', starting with a letter or digit");
    }
    return name;
  }

  /** Whether this is one of the roles every cluster has, which cannot be removed. */
  public boolean isBuiltin() {
    return ADMIN.equals(name) || ACCESS.equals(name);
  }
}
