package dev.outpost.domain.user;

import dev.outpost.domain.shared.ExpiringSecret;
import dev.outpost.domain.shared.OutpostException;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A one-time invitation for a new user to choose a password; stored by the code's hash. */
@Entity
@Table(name = "invites")
@NamedQuery(name = "Invite.byCodeHash",
    query = "SELECT i FROM Invite i WHERE i.code.hash = :codeHash")
public class Invite {

  public static final Duration VALIDITY = Duration.ofHours(24);
  public static final String INVALID = "invite is invalid, expired or already used";

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "user_id", nullable = false)
  private User user;

  /** The invite code; redeeming the invite uses it up. */
  @Embedded
  @AttributeOverride(name = "hash",
      column = @Column(name = "code_hash", nullable = false, unique = true, length = 64))
  private ExpiringSecret code;

  @Version
  private long version;

  protected Invite() {}

  public Invite(User user, String codeHash, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.user = user;
    this.code = new ExpiringSecret(codeHash, now, now.plus(VALIDITY));
  }

  public String codeHash() {
    return code.hash();
  }

  public User user() {
    return user;
  }

  public Instant expiresAt() {
    return code.expiresAt();
  }

  /**
   * Uses the invite up.
   *
   * @throws OutpostException NOT_FOUND, with one message whatever the reason
   */
  public User redeem(Instant now) {
    if (!code.isValidAt(now) || user.isDeleted()) {
      throw OutpostException.notFound(INVALID);
    }
    code.invalidate(now);
    return user;
  }
}
