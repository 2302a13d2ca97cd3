package dev.outpost.application.login;

import dev.outpost.api.TotpEnrollmentRequest;
import dev.outpost.api.TotpSecretOffer;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.TotpSecret;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * TOTP enrolment by password, so that a user whose roles (or cluster) require a second factor
 * can enrol before their first login. The proxy offers a secret and stores nothing; the user
 * brings it back with their password (and current code, if they already have TOTP: replacing it
 * needs the old factor) and a code of the new secret. The code that confirmed the secret cannot
 * be used again to log in.
 */
public final class TotpEnrollment {

  private final PasswordAuthentication authentication;
  private final Totp totp;
  private final String issuer;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param issuer what authenticator apps show the codes under: the cluster name
   */
  public TotpEnrollment(PasswordAuthentication authentication, Totp totp, String issuer,
      AuditRecorder audit, Clock clock, SecureRandom random) {
    this.authentication = authentication;
    this.totp = totp;
    this.issuer = issuer;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /** A fresh secret for {@code user}; nothing is stored or checked. */
  public TotpSecretOffer offer(String user) {
    UserName name = new UserName(user);
    TotpSecret secret = TotpSecret.generate(random);
    return new TotpSecretOffer(name.value(), secret.base32(), secret.uri(issuer, name.value()));
  }

  /**
   * Checks the credentials, then the new code, and stores the secret.
   *
   * @throws OutpostException BAD_REQUEST, UNAUTHENTICATED or LOCKED
   */
  public void enroll(TotpEnrollmentRequest request, String remoteAddr) {
    if (request == null || request.user() == null || request.password() == null) {
      throw OutpostException.badRequest("user and password are required");
    }
    if (request.password().length() > LoginCommand.MAX_PASSWORD_LENGTH) {
      throw OutpostException.badRequest("password is too long");
    }
    TotpSecret secret = TotpSecret.parse(request.secret());
    Instant now = clock.instant();
    AuditRecord attempt = AuditRecord.success(AuditEventType.MFA_ENROLL)
        .actor(request.user())
        .remoteAddr(remoteAddr);
    User user = authentication.authenticate(new UserName(request.user()), request.password(),
        request.totp(), now, attempt).user();
    long step;
    try {
      step = secret.confirm(totp, request.code(), now);
    } catch (OutpostException e) {
      throw authentication.refused(attempt, "code of the new secret does not match", e);
    }
    boolean replacing = user.totpSecret().isPresent();
    user.enrollTotp(secret, step);
    audit.record(attempt.message(replacing ? "TOTP secret replaced" : "TOTP enrolled"));
  }
}
