package dev.outpost.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A bearer secret as an entity keeps it: only its hash (see {@link SecretToken}), when it was
 * made, when it expires, and when it stopped being valid before that. Join tokens and invite
 * codes stop when they are used, sessions when they are revoked; either way only the first time
 * counts.
 *
 * <p>Mapped to the columns {@code token_hash}, {@code created_at}, {@code expires_at} and
 * {@code used_at}; an entity whose table names them otherwise says so with
 * {@code @AttributeOverride} on {@code hash} or {@code invalidatedAt}.
 */
@Embeddable
public class ExpiringSecret {

  @Column(name = "token_hash", nullable = false, unique = true, length = 64)
  private String hash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "used_at")
  private OffsetDateTime invalidatedAt;

  protected ExpiringSecret() {}

  /** A secret with hash {@code hash}, made at {@code now}, valid until {@code expiresAt}. */
  public ExpiringSecret(String hash, Instant now, Instant expiresAt) {
    this.hash = hash;
    this.createdAt = UtcTime.of(now);
    this.expiresAt = UtcTime.of(expiresAt);
  }

  public String hash() {
    return hash;
  }

  public Instant expiresAt() {
    return UtcTime.instant(expiresAt);
  }

  /** Whether the secret is still good at {@code now}: not invalidated and not expired. */
  public boolean isValidAt(Instant now) {
    return invalidatedAt == null && now.isBefore(expiresAt());
  }

  /** Ends the secret at {@code now} (used up or revoked); a second call changes nothing. */
  public void invalidate(Instant now) {
    if (invalidatedAt == null) {
      invalidatedAt = UtcTime.of(now);
    }
  }
}
