package dev.outpost.domain.app;

import dev.outpost.domain.session.WebSession;
import dev.outpost.domain.shared.UtcTime;
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

/**
 * One browser's session with one web app. It starts as a launch: a single-use code, valid for a
 * minute, that the browser carries to the app's subdomain; redeeming it sets the token the app
 * cookie holds. Both secrets are kept only as hashes. The session is bound to the console session
 * that launched it: it is valid only while that one is (logout, expiry and idle time end both).
 */
@Entity
@Table(name = "app_sessions")
@NamedQuery(name = "AppSession.byCodeHash",
    query = "SELECT s FROM AppSession s WHERE s.codeHash = :hash")
@NamedQuery(name = "AppSession.byTokenHash",
    query = "SELECT s FROM AppSession s WHERE s.tokenHash = :hash")
public class AppSession {

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "web_session_id", nullable = false)
  private WebSession webSession;

  @Column(nullable = false, length = 63)
  private String app;

  @Column(nullable = false, length = 63)
  private String node;

  @Column(name = "code_hash", length = 64)
  private String codeHash;

  @Column(name = "code_expires_at")
  private OffsetDateTime codeExpiresAt;

  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  protected AppSession() {}

  /** A launch of {@code app} on {@code node} from {@code webSession}, redeemable until {@code codeExpires}. */
  public AppSession(WebSession webSession, String app, String node, String codeHash,
      Instant now, Instant codeExpires) {
    this.id = UUID.randomUUID().toString();
    this.webSession = webSession;
    this.app = app;
    this.node = node;
    this.codeHash = codeHash;
    this.codeExpiresAt = UtcTime.of(codeExpires);
    this.createdAt = UtcTime.of(now);
    this.expiresAt = UtcTime.of(webSession.expiresAt());
  }

  public UUID id() {
    return UUID.fromString(id);
  }

  public String app() {
    return app;
  }

  public String node() {
    return node;
  }

  /** The launch code's hash until it is redeemed, then null. */
  public String codeHash() {
    return codeHash;
  }

  /** The app cookie token's hash once the code is redeemed, null before. */
  public String tokenHash() {
    return tokenHash;
  }

  public WebSession webSession() {
    return webSession;
  }

  /** Whether the launch code can still be redeemed at {@code now}. */
  public boolean isRedeemableAt(Instant now) {
    return codeHash != null && now.isBefore(UtcTime.instant(codeExpiresAt));
  }

  /** Redeems the launch code, once: from now on only the token with {@code hash} counts. */
  public void redeem(String hash) {
    if (codeHash == null) {
      throw new IllegalStateException("launch code already redeemed");
    }
    codeHash = null;
    codeExpiresAt = null;
    tokenHash = hash;
  }

  /** Whether the app cookie authenticates requests at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return tokenHash != null && now.isBefore(UtcTime.instant(expiresAt))
        && webSession.isActiveAt(now);
  }
}
