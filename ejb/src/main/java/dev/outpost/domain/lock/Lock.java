package dev.outpost.domain.lock;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Blocks the sessions of a user or to a node until it expires: new ones are refused, live ones
 * are ended.
 */
@Entity
@Table(name = "locks")
@NamedQuery(name = "Lock.activeAt",
    query = "SELECT l FROM Lock l WHERE l.expiresAt > :now ORDER BY l.createdAt")
public class Lock {

  public static final Duration MAX_TTL = Duration.ofDays(365);
  static final int MAX_MESSAGE = 255;

  @Id
  @Column(length = 36)
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "target_kind", nullable = false, length = 16)
  private LockTarget kind;

  @Column(nullable = false, length = 253)
  private String target;

  @Column(length = MAX_MESSAGE)
  private String message;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  protected Lock() {}

  /**
   * @throws OutpostException BAD_REQUEST for a lifetime beyond a year or an overlong message
   */
  public Lock(LockTarget kind, String target, String message, String createdBy, Instant now,
      Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw OutpostException.badRequest("lock ttl must be within 365d");
    }
    if (message != null && (message.length() > MAX_MESSAGE
        || message.chars().anyMatch(Character::isISOControl))) {
      throw OutpostException.badRequest(
          "lock message must be one line of at most " + MAX_MESSAGE + " characters");
    }
    this.id = UUID.randomUUID().toString();
    this.kind = kind;
    this.target = target;
    this.message = message == null || message.isBlank() ? null : message;
    this.createdBy = createdBy;
    this.createdAt = UtcTime.of(now);
    this.expiresAt = UtcTime.of(now.plus(ttl));
  }

  public String id() {
    return id;
  }

  public String createdBy() {
    return createdBy;
  }

  public LockTarget kind() {
    return kind;
  }

  public String target() {
    return target;
  }

  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  public Instant expiresAt() {
    return UtcTime.instant(expiresAt);
  }

  /** Whether this lock covers a session of {@code user} to {@code node}. */
  public boolean covers(String user, String node) {
    return kind == LockTarget.USER ? target.equals(user) : target.equals(node);
  }

  /** Why a covered session is refused or ended, for the user and the audit log. */
  public String reason() {
    return (kind == LockTarget.USER ? "user " : "node ") + target + " is locked until "
        + expiresAt() + message().map(text -> ": " + text).orElse("");
  }
}
