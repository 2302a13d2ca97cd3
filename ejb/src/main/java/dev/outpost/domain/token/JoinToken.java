package dev.outpost.domain.token;

import dev.outpost.domain.shared.ExpiringSecret;
import dev.outpost.domain.shared.OutpostException;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A single-use join token, stored by its hash. */
@Entity
@Table(name = "join_tokens")
@NamedQuery(name = "JoinToken.byHash",
    query = "SELECT t FROM JoinToken t WHERE t.secret.hash = :tokenHash")
@NamedQuery(name = "JoinToken.pending",
    query = "SELECT t FROM JoinToken t WHERE t.secret.invalidatedAt IS NULL"
        + " AND t.secret.expiresAt > :now ORDER BY t.secret.expiresAt")
public class JoinToken {

  public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
  public static final Duration MAX_TTL = Duration.ofHours(24);
  /** The one answer to every bad token, so that callers learn nothing about which it was. */
  public static final String INVALID = "join token is invalid, expired or already used";

  @Id
  @Column(length = 36)
  private String id;

  /** The token itself; redeeming uses it up. */
  @Embedded
  private ExpiringSecret secret;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private TokenType type;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "used_by", length = 64)
  private String usedBy;

  @Version
  private long version;

  protected JoinToken() {}

  /**
   * A new token valid for {@code ttl}.
   *
   * @throws OutpostException BAD_REQUEST when {@code ttl} exceeds {@link #MAX_TTL}
   */
  public JoinToken(String tokenHash, TokenType type, Duration ttl, String createdBy,
      Instant now) {
    if (ttl.compareTo(MAX_TTL) > 0) {
      throw OutpostException.badRequest("join token ttl may be at most 24h");
    }
    this.id = UUID.randomUUID().toString();
    this.secret = new ExpiringSecret(tokenHash, now, now.plus(ttl));
    this.type = type;
    this.createdBy = createdBy;
  }

  public String id() {
    return id;
  }

  public String createdBy() {
    return createdBy;
  }

  public String tokenHash() {
    return secret.hash();
  }

  public TokenType type() {
    return type;
  }

  public Instant expiresAt() {
    return secret.expiresAt();
  }

  /** Whether it may still be used at {@code now}: neither used nor expired. */
  public boolean isPending(Instant now) {
    return secret.isValidAt(now);
  }

  /**
   * Uses the token up for {@code joiner}.
   *
   * @throws OutpostException UNAUTHENTICATED when it is used, expired or of another type
   */
  public void redeem(TokenType expected, String joiner, Instant now) {
    if (!secret.isValidAt(now) || type != expected) {
      throw OutpostException.unauthenticated(INVALID);
    }
    secret.invalidate(now);
    usedBy = joiner;
  }
}
