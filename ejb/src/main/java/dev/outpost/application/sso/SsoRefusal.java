package dev.outpost.application.sso;

import jakarta.ejb.ApplicationException;

/**
 * A sign-in the proxy refuses: {@code reason} goes to the audit log, {@code userMessage} to the
 * user, who learns what to do but not the details of a failed check.
 */
@ApplicationException(rollback = true)
public final class SsoRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;
  static final String FAILED = "single sign-on failed; try again or ask an admin";

  private final String userMessage;

  SsoRefusal(String reason) {
    this(reason, FAILED);
  }

  SsoRefusal(String reason, String userMessage) {
    super(reason);
    this.userMessage = userMessage;
  }

  public String reason() {
    return getMessage();
  }

  public String userMessage() {
    return userMessage;
  }
}
