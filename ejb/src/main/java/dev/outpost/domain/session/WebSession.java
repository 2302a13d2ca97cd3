package dev.outpost.domain.session;

import dev.outpost.domain.shared.ExpiringSecret;
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
import java.time.Instant;
import java.util.UUID;

/** A logged-in user's bearer session for the REST API. */
@Entity
@Table(name = "web_sessions")
@NamedQuery(name = "WebSession.byTokenHash",
    query = "SELECT s FROM WebSession s WHERE s.token.hash = :tokenHash")
public class WebSession {

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

  protected WebSession() {}

  public WebSession(User user, String tokenHash, Instant now, Instant expiresAt,
      String remoteAddr) {
    this.id = UUID.randomUUID().toString();
    this.user = user;
    this.token = new ExpiringSecret(tokenHash, now, expiresAt);
    this.remoteAddr = remoteAddr;
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
    return token.isValidAt(now) && !user.isDeleted();
  }

  public void revoke(Instant now) {
    token.invalidate(now);
  }
}
