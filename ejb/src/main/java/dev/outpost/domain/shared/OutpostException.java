package dev.outpost.domain.shared;

import jakarta.ejb.ApplicationException;

/**
 * A request Outpost refuses, with one line that is safe to show the user (never a secret). Thrown
 * through EJBs as is and rolls back the transaction; the web layer maps {@link Kind} to a status.
 */
@ApplicationException(rollback = true)
public class OutpostException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the request was refused; each maps to one HTTP status. */
  public enum Kind {
    /** 400: the request is malformed or a value is invalid. */
    BAD_REQUEST,
    /** 401: no valid credential. */
    UNAUTHENTICATED,
    /** 403: authenticated but not allowed. */
    FORBIDDEN,
    /** 404: no such thing. */
    NOT_FOUND,
    /** 409: conflicts with existing state. */
    CONFLICT,
    /** 429: locked out after too many failures. */
    LOCKED,
    /** 503: the target exists but cannot be reached now (node offline). */
    UNAVAILABLE
  }

  private final Kind kind;

  public OutpostException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static OutpostException badRequest(String message) {
    return new OutpostException(Kind.BAD_REQUEST, message);
  }

  public static OutpostException unauthenticated(String message) {
    return new OutpostException(Kind.UNAUTHENTICATED, message);
  }

  public static OutpostException forbidden(String message) {
    return new OutpostException(Kind.FORBIDDEN, message);
  }

  public static OutpostException notFound(String message) {
    return new OutpostException(Kind.NOT_FOUND, message);
  }

  public static OutpostException conflict(String message) {
    return new OutpostException(Kind.CONFLICT, message);
  }

  public static OutpostException locked(String message) {
    return new OutpostException(Kind.LOCKED, message);
  }

  public static OutpostException unavailable(String message) {
    return new OutpostException(Kind.UNAVAILABLE, message);
  }
}
