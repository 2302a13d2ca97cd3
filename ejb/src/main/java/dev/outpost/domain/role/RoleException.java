package dev.outpost.domain.role;

import dev.outpost.domain.shared.OutpostException;

/** A role resource that is not valid; the message names the field, e.g. {@code allow.logins[1]}. */
public final class RoleException extends OutpostException {

  private static final long serialVersionUID = 1L;

  public RoleException(String message) {
    super(Kind.BAD_REQUEST, message);
  }
}
