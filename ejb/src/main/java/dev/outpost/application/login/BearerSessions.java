package dev.outpost.application.login;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.UserIdentity;
import java.time.Clock;
import java.time.Instant;

/** Turns bearer tokens back into identities, and revokes them. */
public final class BearerSessions {

  static final String INVALID = "session is invalid or expired; log in again";
  private static final int MAX_TOKEN_LENGTH = 128;

  private final WebSessionRepository sessions;
  private final AuditRecorder audit;
  private final Clock clock;

  public BearerSessions(WebSessionRepository sessions, AuditRecorder audit, Clock clock) {
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
  }

  /** @throws OutpostException UNAUTHENTICATED for unknown, revoked or expired tokens */
  public UserIdentity authenticate(String bearer) {
    WebSession session = active(bearer, clock.instant());
    return session.user().identity(session.expiresAt());
  }

  /** Revokes the session of {@code bearer}. */
  public void logout(String bearer) {
    Instant now = clock.instant();
    WebSession session = active(bearer, now);
    session.revoke(now);
    audit.record(AuditRecord.success(AuditEventType.USER_LOGOUT).actor(session.user().name()));
  }

  private WebSession active(String bearer, Instant now) {
    if (bearer == null || bearer.isBlank() || bearer.length() > MAX_TOKEN_LENGTH) {
      throw OutpostException.unauthenticated("no session token: log in first");
    }
    return sessions.findByTokenHash(SecretToken.hash(bearer.trim()))
        .filter(session -> session.isActiveAt(now) && !session.user().isDeleted())
        .orElseThrow(() -> OutpostException.unauthenticated(INVALID));
  }
}
