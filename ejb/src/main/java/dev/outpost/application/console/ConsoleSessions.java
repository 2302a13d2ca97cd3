package dev.outpost.application.console;

import dev.outpost.application.login.PasswordCheck;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.session.WebSessionRepository;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Web console sessions. The browser holds the session token only in an HttpOnly cookie; the CSRF
 * token is derived from it (a one-way hash), so pages can fetch it again after a reload, another
 * site can never compute it, and a token of another session never matches. Reading requests need
 * the cookie; state-changing requests need the cookie and the matching CSRF token, and only they
 * count as activity for the idle expiry, so a page that merely refreshes a list does not keep an
 * abandoned session alive. A session lasts {@link #LIFETIME}, or the shortest {@code
 * max_session_ttl} of the user's roles when that is shorter, as the CLI's login does; the app
 * sessions launched from it end with it.
 */
public final class ConsoleSessions {

  public static final Duration LIFETIME = Duration.ofHours(12);
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  static final String INVALID = "session is invalid or expired; log in again";
  static final String CSRF_REFUSED = "missing or wrong CSRF token";
  private static final int TOKEN_BYTES = 32;
  private static final int MAX_TOKEN_LENGTH = 128;

  private final WebSessionRepository sessions;
  private final PasswordCheck passwords;
  private final RoleDirectory roles;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  public ConsoleSessions(WebSessionRepository sessions, PasswordCheck passwords,
      RoleDirectory roles, AuditRecorder audit, Clock clock, SecureRandom random) {
    this.sessions = sessions;
    this.passwords = passwords;
    this.roles = roles;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Checks the credentials and opens a console session; audited as {@code web.login}, refusals as {@code user.login.failure}.
   *
   * @throws OutpostException UNAUTHENTICATED or LOCKED
   */
  public ConsoleLogin login(ConsoleCredentials credentials, String remoteAddr) {
    Instant now = clock.instant();
    AuditRecord attempt = AuditRecord.success(AuditEventType.WEB_LOGIN)
        .actor(credentials.user().value()).remoteAddr(remoteAddr);
    User user = passwords.verify(credentials.user(), credentials.password(), credentials.totp(),
        attempt, now);
    return open(user, remoteAddr, attempt, "");
  }

  /**
   * Opens a console session for a user someone else has vouched for (a single sign-on), audited
   * as {@code success} with {@code how} before the session's terms.
   */
  public ConsoleLogin open(User user, String remoteAddr, AuditRecord success, String how) {
    Instant now = clock.instant();
    Instant expires = now.plus(roles.resolve(user).capSessionTtl(LIFETIME));
    String token = SecretToken.generate(random, TOKEN_BYTES);
    sessions.add(WebSession.console(user, SecretToken.hash(token), now, expires, IDLE_TIMEOUT,
        remoteAddr));
    audit.record(success.message(how + "console session valid until " + expires
        + ", idle timeout " + IDLE_TIMEOUT.toMinutes() + "m"));
    return new ConsoleLogin(token, csrfToken(token), user.identity(expires));
  }

  /** The identity behind a session cookie, for reading requests. */
  public UserIdentity authenticate(String sessionToken) {
    WebSession session = active(sessionToken, clock.instant());
    return session.user().identity(session.expiresAt());
  }

  /**
   * The identity behind a session cookie, for a state-changing request: the CSRF token must be
   * the session's own. Counts as activity.
   *
   * @throws OutpostException UNAUTHENTICATED without a valid session, FORBIDDEN for the CSRF token
   */
  public UserIdentity authorize(String sessionToken, String csrfToken) {
    WebSession session = authorizedSession(sessionToken, csrfToken);
    return session.user().identity(session.expiresAt());
  }

  /**
   * As {@link #authorize}, returning the session itself, for what is bound to it (app sessions).
   *
   * @throws OutpostException UNAUTHENTICATED without a valid session, FORBIDDEN for the CSRF token
   */
  public WebSession authorizedSession(String sessionToken, String csrfToken) {
    Instant now = clock.instant();
    WebSession session = active(sessionToken, now);
    if (csrfToken == null || !MessageDigest.isEqual(
        csrfToken(sessionToken.trim()).getBytes(StandardCharsets.US_ASCII),
        csrfToken.getBytes(StandardCharsets.US_ASCII))) {
      throw OutpostException.forbidden(CSRF_REFUSED);
    }
    session.touch(now);
    return session;
  }

  /**
   * Ends the session at once; audited as {@code user.logout}.
   *
   * @return the user whose session it was
   */
  public User logout(String sessionToken, String csrfToken) {
    authorize(sessionToken, csrfToken);
    WebSession session = active(sessionToken, clock.instant());
    session.revoke(clock.instant());
    audit.record(AuditRecord.success(AuditEventType.USER_LOGOUT).actor(session.user().name())
        .message("console session"));
    return session.user();
  }

  /** The CSRF token of a session: a hash of its secret, useless without the cookie. */
  public static String csrfToken(String sessionToken) {
    return SecretToken.hash("csrf:" + sessionToken);
  }

  private WebSession active(String token, Instant now) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw OutpostException.unauthenticated("not logged in");
    }
    return sessions.findByTokenHash(SecretToken.hash(token.trim()))
        .filter(WebSession::isConsole)
        .filter(session -> session.isActiveAt(now))
        .orElseThrow(() -> OutpostException.unauthenticated(INVALID));
  }
}
