package dev.outpost.application.login;

import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.time.Instant;

/**
 * Who is this, by password and (when enrolled) TOTP code: the first step of a login and of a
 * TOTP enrolment. Lockout and failure counting apply to both; a refusal is audited with its
 * reason while the caller learns only that the credentials were wrong.
 */
public final class PasswordAuthentication {

  static final String REJECTED = "invalid user name, password or one-time code";
  static final String LOCKED = "account is locked after too many failed logins; try again later";
  static final String CODE_MISSING = "a one-time code (TOTP) is required for this user";

  /** A user whose credentials matched, and the TOTP step their code used (0 without TOTP). */
  public record Authenticated(User user, long totpStep) {}

  private final UserRepository users;
  private final CredentialCheck credentials;
  private final FailedLoginRecorder failures;
  private final AuditRecorder audit;

  public PasswordAuthentication(UserRepository users, CredentialCheck credentials,
      FailedLoginRecorder failures, AuditRecorder audit) {
    this.users = users;
    this.credentials = credentials;
    this.failures = failures;
    this.audit = audit;
  }

  /**
   * @param attempt the audit record written when the credentials are refused
   * @throws OutpostException UNAUTHENTICATED or LOCKED, after auditing {@code attempt} as failed
   */
  public Authenticated authenticate(UserName name, String password, String code, Instant now,
      AuditRecord attempt) {
    User user = users.findByName(name.value()).orElse(null);
    if (user == null) {
      credentials.checkNobody(password);
      throw refused(attempt, "unknown user", OutpostException.unauthenticated(REJECTED));
    }
    if (user.isLockedAt(now)) {
      throw refused(attempt, "account locked", OutpostException.locked(LOCKED));
    }
    CredentialCheck.Outcome outcome = credentials.check(user, password, code, now);
    switch (outcome.verdict()) {
      case ACCEPTED:
        return new Authenticated(user, outcome.totpStep());
      case CODE_MISSING:
        throw refused(attempt, "one-time code missing",
            OutpostException.unauthenticated(CODE_MISSING));
      default:
        failures.recordFailure(user.id());
        throw refused(attempt, "wrong password or one-time code, or a code used before",
            OutpostException.unauthenticated(REJECTED));
    }
  }

  OutpostException refused(AuditRecord attempt, String reason, OutpostException error) {
    audit.record(attempt.failed(reason));
    return error;
  }
}
