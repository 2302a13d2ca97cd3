package dev.outpost.domain.sso;

import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An authorization request on its way through the identity provider. The state that the browser
 * carries is kept only as a hash; the nonce and the PKCE verifier never leave the proxy. A
 * request completes once, within {@link #LIFETIME}, for its own purpose.
 */
@Entity
@Table(name = "sso_requests")
@NamedQuery(name = "SsoRequest.byStateHash",
    query = "SELECT r FROM SsoRequest r WHERE r.stateHash = :stateHash")
@NamedQuery(name = "SsoRequest.deleteExpired",
    query = "DELETE FROM SsoRequest r WHERE r.expiresAt < :before")
public class SsoRequest {

  /** Long enough to type a password and a second factor at the identity provider. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "state_hash", nullable = false, length = 64)
  private String stateHash;

  @Column(nullable = false, length = 64)
  private String connector;

  /** Code flow only. */
  @Column(length = 128)
  private String nonce;

  /** Code flow only. */
  @Column(name = "code_verifier", length = 128)
  private String codeVerifier;

  /** Device authorization grant only. */
  @Column(name = "device_code", length = 1024)
  private String deviceCode;

  /** Code flow only. */
  @Column(name = "redirect_uri", length = 2048)
  private String redirectUri;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private SsoPurpose purpose;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "used_at")
  private OffsetDateTime usedAt;

  @Version
  private long version;

  protected SsoRequest() {}

  public SsoRequest(String stateHash, String connector, String nonce, String codeVerifier,
      URI redirectUri, SsoPurpose purpose, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.stateHash = stateHash;
    this.connector = connector;
    this.nonce = nonce;
    this.codeVerifier = codeVerifier;
    this.redirectUri = redirectUri.toString();
    this.purpose = purpose;
    this.createdAt = UtcTime.of(now);
    this.expiresAt = UtcTime.of(now.plus(LIFETIME));
  }

  /**
   * A device authorization grant's request, for as long as the provider's device code lives
   * (at most {@link #LIFETIME}).
   */
  public static SsoRequest device(String stateHash, String connector, String deviceCode,
      Duration lifetime, Instant now) {
    SsoRequest request = new SsoRequest();
    request.id = UUID.randomUUID().toString();
    request.stateHash = stateHash;
    request.connector = connector;
    request.deviceCode = deviceCode;
    request.purpose = SsoPurpose.DEVICE;
    request.createdAt = UtcTime.of(now);
    request.expiresAt = UtcTime.of(now.plus(lifetime.compareTo(LIFETIME) < 0 ? lifetime
        : LIFETIME));
    return request;
  }

  public String deviceCode() {
    return deviceCode;
  }

  public String stateHash() {
    return stateHash;
  }

  public String connector() {
    return connector;
  }

  public String nonce() {
    return nonce;
  }

  public String codeVerifier() {
    return codeVerifier;
  }

  public URI redirectUri() {
    return URI.create(redirectUri);
  }

  public SsoPurpose purpose() {
    return purpose;
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(UtcTime.instant(expiresAt));
  }

  /** Marks the request as completed: its state is worth nothing from now on. */
  public void use(Instant now) {
    this.usedAt = UtcTime.of(now);
  }
}
