package dev.outpost.domain.session;

import dev.outpost.domain.shared.UtcTime;
import dev.outpost.domain.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A logged-in user's bearer session for the REST API. */
@Entity
@Table(name = "web_sessions")
@NamedQuery(name = "WebSession.byTokenHash",
    query = "SELECT s FROM WebSession s WHERE s.tokenHash = :tokenHash")
public class WebSession {

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "user_id", nullable = false)
  private User user;

  @Column(name = "token_hash", nullable = false, unique = true, length = 64)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  @Column(name = "remote_addr", length = 64)
  private String remoteAddr;

  protected WebSession() {}

  public WebSession(User user, String tokenHash, Instant now, Instant expiresAt,
      String remoteAddr) {
    this.id = UUID.randomUUID().toString();
    this.user = user;
    this.tokenHash = tokenHash;
    this.createdAt = UtcTime.of(now);
    this.expiresAt = UtcTime.of(expiresAt);
    this.remoteAddr = remoteAddr;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public User user() {
    return user;
  }

  public Instant expiresAt() {
    return UtcTime.instant(expiresAt);
  }

  /** Whether the session still authenticates requests at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt()) && !user.isDeleted();
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = UtcTime.of(now);
    }
  }
}
