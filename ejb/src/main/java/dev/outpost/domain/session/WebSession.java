package dev.outpost.domain.session;

import dev.outpost.domain.shared.ExpiringSecret;
import dev.outpost.domain.shared.UtcTime;
import dev.outpost.domain.user.User;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A logged-in user's session: a bearer session for the REST API (CLI), or a web console session
 * carried by a cookie, which also ends after a spell of inactivity.
 */
@Entity
@Table(name = "web_sessions")
@NamedQuery(name = "WebSession.byTokenHash",
    query = "SELECT s FROM WebSession s WHERE s.token.hash = :tokenHash")
public class WebSession {
  /** How finely activity is recorded; far below any idle timeout. */
  static final Duration ACTIVITY_GRANULARITY = Duration.ofMinutes(1);


  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "user_id", nullable = false)
  private User user;

  /** The bearer token; revoking the session invalidates it. */
  @Embedded
  @AttributeOverride(name = "invalidatedAt", column = @Column(name = "revoked_at"))
  private ExpiringSecret token;

  @Column(name = "remote_addr", length = 64)
  private String remoteAddr;

  /** Set for console sessions only: they end once unused this long. */
  @Column(name = "idle_timeout_seconds")
  private Integer idleTimeoutSeconds;

  @Column(name = "last_used_at")
  private OffsetDateTime lastUsedAt;

  protected WebSession() {}

  public WebSession(User user, String tokenHash, Instant now, Instant expiresAt,
      String remoteAddr) {
    this.id = UUID.randomUUID().toString();
    this.user = user;
    this.token = new ExpiringSecret(tokenHash, now, expiresAt);
    this.remoteAddr = remoteAddr;
  }

  /** A web console session: like a bearer session, and it also ends after {@code idleTimeout}. */
  public static WebSession console(User user, String tokenHash, Instant now, Instant expiresAt,
      Duration idleTimeout, String remoteAddr) {
    WebSession session = new WebSession(user, tokenHash, now, expiresAt, remoteAddr);
    session.idleTimeoutSeconds = Math.toIntExact(idleTimeout.toSeconds());
    session.lastUsedAt = UtcTime.of(now);
    return session;
  }

  public boolean isConsole() {
    return idleTimeoutSeconds != null;
  }

  public String tokenHash() {
    return token.hash();
  }

  public User user() {
    return user;
  }

  public Instant expiresAt() {
    return token.expiresAt();
  }

  /** Whether the session still authenticates requests at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return token.isValidAt(now) && !user.isDeleted() && !isIdleAt(now);
  }

  /**
   * Notes that the user acted at {@code now}, putting off the idle expiry. Recorded at most once a
   * {@link #ACTIVITY_GRANULARITY}, so that a busy app does not write the session on every request.
   */
  public void touch(Instant now) {
    if (isConsole()
        && !now.isBefore(UtcTime.instant(lastUsedAt).plus(ACTIVITY_GRANULARITY))) {
      lastUsedAt = UtcTime.of(now);
    }
  }

  private boolean isIdleAt(Instant now) {
    return isConsole()
        && !now.isBefore(UtcTime.instant(lastUsedAt).plusSeconds(idleTimeoutSeconds));
  }

  public void revoke(Instant now) {
    token.invalidate(now);
  }
}
