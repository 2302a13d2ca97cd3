package dev.outpost.application.apps;

import dev.outpost.domain.app.AppSession;
import dev.outpost.domain.app.AppSessionRepository;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.lock.Lock;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.role.AccessDecision;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import java.security.SecureRandom;

/**
 * Opens web apps for console users: a launch checks the roles ({@code app_labels}, deny wins) and
 * hands out a single-use code; the app's subdomain redeems it for the app cookie's token. Every
 * request with that cookie checks the app session, its console session, locks and the roles
 * again, so logout, expiry, a lock and a changed role take effect at the next request.
 */
public final class AppSessions {
  static final Duration CODE_TTL = Duration.ofMinutes(1);
  static final String INVALID = "app session is invalid or expired";
  private static final int TOKEN_BYTES = 32;
  private static final int MAX_TOKEN_LENGTH = 128;

  private final BiFunction<String, String, WebSession> console;
  private final AppSessionRepository sessions;
  private final RoleDirectory roles;
  private final LockRepository locks;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param console the console session of a cookie and CSRF token (UNAUTHENTICATED or FORBIDDEN
   *     otherwise), see {@code ConsoleSessions.authorizedSession}
   */
  public AppSessions(BiFunction<String, String, WebSession> console,
      AppSessionRepository sessions, RoleDirectory roles, LockRepository locks,
      AuditRecorder audit, Clock clock, SecureRandom random) {
    this.console = console;
    this.sessions = sessions;
    this.roles = roles;
    this.locks = locks;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Whether {@code user} may open {@code app} now: no lock of the user or its node, and the roles
   * allow it. For an app of a leaf cluster only the user's locks count here: the leaf decides by
   * its own roles.
   */
  public AccessDecision decide(UserIdentity user, PublishedApp app) {
    Optional<Lock> lock = locks.covering(user.user(), app.inLeaf() ? null : app.node(),
        clock.instant());
    if (lock.isPresent()) {
      return AccessDecision.denied(lock.get().reason());
    }
    return app.inLeaf() ? new AccessDecision(true, "")
        : roles.resolve(user).app(app.name(), app.labels());
  }

  /**
   * Starts a launch of {@code app} for the console session; refusals are audited as {@code
   * access.denied}.
   *
   * @return the single-use launch code, the user and the app session it starts
   * @throws OutpostException UNAUTHENTICATED, FORBIDDEN (CSRF token or roles)
   */
  public AppGrant launch(String consoleToken, String csrfToken, PublishedApp app,
      String remoteAddr) {
    WebSession session = console.apply(consoleToken, csrfToken);
    User user = session.user();
    UserIdentity identity = user.identity(session.expiresAt());
    requireAllowed(identity, app, remoteAddr);
    Instant now = clock.instant();
    String code = SecretToken.generate(random, TOKEN_BYTES);
    AppSession launched = new AppSession(session, app.name(), app.node(), SecretToken.hash(code),
        now, now.plus(CODE_TTL));
    sessions.add(launched);
    return new AppGrant(code, new AppCaller(identity, launched.id()));
  }

  /**
   * Redeems a launch code on the app's own subdomain; audited as {@code app.session.start} (by the
   * leaf, for an app of a leaf cluster).
   *
   * @throws OutpostException UNAUTHENTICATED for an unknown, used, expired or other app's code
   */
  public AppGrant redeem(String code, PublishedApp app, String remoteAddr) {
    Instant now = clock.instant();
    AppSession session = lookUp(code).flatMap(sessions::findByCodeHash)
        .filter(s -> s.isRedeemableAt(now) && s.app().equals(app.name()))
        .orElseThrow(() -> OutpostException.unauthenticated("launch code is invalid or expired"));
    String token = SecretToken.generate(random, TOKEN_BYTES);
    session.redeem(SecretToken.hash(token));
    AppCaller caller = caller(session);
    if (!app.inLeaf()) {
      audit.record(AuditRecord.success(AuditEventType.APP_SESSION_START)
          .actor(caller.identity().user()).target(app.name()).node(app.node())
          .sessionId(session.id()).remoteAddr(remoteAddr)
          .message("app session valid until " + caller.identity().expires()));
    }
    return new AppGrant(token, caller);
  }

  /**
   * The caller behind an app cookie on {@code app}'s subdomain.
   *
   * @throws OutpostException UNAUTHENTICATED without a live app session for this app, FORBIDDEN
   *     when the roles no longer allow the app
   */
  public AppCaller authenticate(String token, PublishedApp app) {
    Instant now = clock.instant();
    AppSession session = lookUp(token).flatMap(sessions::findByTokenHash)
        .filter(s -> s.isActiveAt(now) && s.app().equals(app.name()))
        .orElseThrow(() -> OutpostException.unauthenticated(INVALID));
    AppCaller caller = caller(session);
    AccessDecision decision = decide(caller.identity(), app);
    if (!decision.allowed()) {
      throw OutpostException.forbidden(decision.reason());
    }
    // working in an app is working: the console session's idle expiry must not end it
    session.webSession().touch(now);
    return caller;
  }

  /**
   * Refuses {@code user} unless the roles allow {@code app}, auditing the refusal as {@code
   * access.denied}.
   */
  public void requireAllowed(UserIdentity user, PublishedApp app, String remoteAddr) {
    AccessDecision decision = decide(user, app);
    if (!decision.allowed()) {
      audit.record(AuditRecord.failure(AuditEventType.ACCESS_DENIED, decision.reason())
          .actor(user.user()).target(app.name()).node(app.node()).remoteAddr(remoteAddr));
      throw OutpostException.forbidden(decision.reason());
    }
  }

  /**
   * On a leaf: an app session that a root user started at the root (a launch, or a client
   * certificate of {@code outpost apps login}), decided by this cluster's roles for the roles its
   * role map gives; audited here as {@code app.session.start}, or {@code access.denied}.
   */
  public void startRemote(UserIdentity user, PublishedApp app, UUID session,
      String remoteAddr) {
    requireAllowed(user, app, remoteAddr);
    audit.record(AuditRecord.success(AuditEventType.APP_SESSION_START).actor(user.user())
        .target(app.name()).node(app.node()).sessionId(session).remoteAddr(remoteAddr)
        .message("app session started at the root cluster"));
  }

  /**
   * Audits one request as {@code app.request}, for a share {@code rate} of all requests; not for
   * an app of a leaf cluster, whose leaf audits it.
   */
  public void requestDone(AppCaller caller, PublishedApp app, String method, String path,
      int status, double rate, RandomGenerator sampler) {
    if (app.inLeaf() || rate <= 0 || (rate < 1 && sampler.nextDouble() >= rate)) {
      return;
    }
    audit.record(AuditRecord.success(AuditEventType.APP_REQUEST).actor(caller.identity().user())
        .target(app.name()).node(app.node()).sessionId(caller.session())
        .message(method + " " + path + " " + status));
  }

  private static AppCaller caller(AppSession session) {
    WebSession web = session.webSession();
    return new AppCaller(web.user().identity(web.expiresAt()), session.id());
  }

  private static Optional<String> lookUp(String secret) {
    return Optional.ofNullable(secret).map(String::trim)
        .filter(s -> !s.isEmpty() && s.length() <= MAX_TOKEN_LENGTH).map(SecretToken::hash);
  }
}
