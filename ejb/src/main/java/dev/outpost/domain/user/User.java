package dev.outpost.domain.user;

import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A user account: local (password, TOTP) or created by a single sign-on connector (no password;
 * roles, logins and traits replaced from the identity provider's claims at every login). After
 * {@value #MAX_FAILED_LOGINS} failed logins in a row the account is locked for {@link #LOCKOUT};
 * a successful login clears the count.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = "User.byName",
    query = "SELECT u FROM User u WHERE u.name = :name AND u.deletedAt IS NULL")
@NamedQuery(name = "User.count", query = "SELECT COUNT(u) FROM User u")
@NamedQuery(name = "User.countByName", query = "SELECT COUNT(u) FROM User u WHERE u.name = :name")
@NamedQuery(name = "User.all",
    query = "SELECT u FROM User u WHERE u.deletedAt IS NULL ORDER BY u.name")
public class User {

  public static final int MAX_FAILED_LOGINS = 5;
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, unique = true, length = 64)
  private String name;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role", nullable = false, length = 64)
  private Set<String> roles = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_logins", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "login", nullable = false, length = 32)
  private Set<String> logins = new HashSet<>();

  /** Null until the user accepts an invite. */
  @Column(name = "password_hash", length = 512)
  private String passwordHash;

  /** Base32 TOTP secret; null when not enrolled. */
  @Column(name = "totp_secret", length = 128)
  private String totpSecret;

  /** Last TOTP time step accepted, so that a code works once. */
  @Column(name = "totp_last_step", nullable = false)
  private long totpLastStep;

  @Column(name = "failed_logins", nullable = false)
  private int failedLogins;

  @Column(name = "locked_until")
  private OffsetDateTime lockedUntil;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  /** The connector that created this user; null for a local user. */
  @Column(name = "sso_connector", length = 64)
  private String ssoConnector;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_traits", joinColumns = @JoinColumn(name = "user_id"))
  private Set<UserTrait> traits = new HashSet<>();

  @Column(name = "deleted_at")
  private OffsetDateTime deletedAt;

  @Version
  private long version;

  protected User() {}

  public User(UserName name, Set<String> roles, List<String> logins, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.name = name.value();
    this.roles = new HashSet<>(roles);
    this.logins = new HashSet<>(Login.validate(logins));
    this.createdAt = UtcTime.of(now);
  }

  /** A user that connector {@code connector} signs in; it has no password, ever. */
  public static User sso(UserName name, String connector, Instant now) {
    User user = new User(name, Set.of(), List.of(), now);
    user.ssoConnector = connector;
    return user;
  }

  /** The connector of a single sign-on user. */
  public Optional<String> ssoConnector() {
    return Optional.ofNullable(ssoConnector);
  }

  /**
   * What the identity provider says at this login: the user's roles, OS logins and traits
   * replace the previous ones, so a lost group is a lost role.
   */
  public void signedIn(Set<String> newRoles, List<String> newLogins,
      Map<String, List<String>> newTraits) {
    this.roles = new HashSet<>(newRoles);
    this.logins = new HashSet<>(Login.validate(newLogins));
    Set<UserTrait> values = new HashSet<>();
    newTraits.forEach((trait, list) -> list.forEach(v -> values.add(new UserTrait(trait, v))));
    this.traits = values;
    loginSucceeded(0);
  }

  /** Traits from the identity provider, each with its values sorted. */
  public Map<String, List<String>> traits() {
    Map<String, List<String>> byTrait = new TreeMap<>();
    traits.forEach(t -> byTrait.computeIfAbsent(t.trait(), k -> new ArrayList<>()).add(t.value()));
    byTrait.values().forEach(java.util.Collections::sort);
    return byTrait;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Names of the user's roles. */
  public Set<String> roles() {
    return Set.copyOf(roles);
  }

  /** Logins, sorted. */
  public List<String> logins() {
    return logins.stream().sorted().toList();
  }

  /** Replaces the user's roles (names of existing roles, checked by the caller). */
  public void changeRoles(Set<String> newRoles) {
    roles.clear();
    roles.addAll(newRoles);
  }

  public void changeLogins(List<String> newLogins) {
    List<String> valid = Login.validate(newLogins);
    logins.clear();
    logins.addAll(valid);
  }

  /** The identity of this user until {@code expires}. */
  public UserIdentity identity(Instant expires) {
    return new UserIdentity(name, roles, logins(), expires, traits());
  }

  public Optional<String> passwordHash() {
    return Optional.ofNullable(passwordHash);
  }

  public void changePassword(String newHash) {
    this.passwordHash = newHash;
  }

  public Optional<String> totpSecret() {
    return Optional.ofNullable(totpSecret);
  }

  /**
   * Enrols (or replaces) the TOTP secret; {@code confirmedStep} is the step of the code that
   * confirmed it, so that code cannot log in again.
   */
  public void enrollTotp(TotpSecret secret, long confirmedStep) {
    this.totpSecret = secret.base32();
    this.totpLastStep = confirmedStep;
  }

  public long totpLastStep() {
    return totpLastStep;
  }

  public boolean isLockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(UtcTime.instant(lockedUntil));
  }

  public int failedLogins() {
    return failedLogins;
  }

  /** Counts a failed login, locking the account at the limit. */
  public void loginFailed(Instant now) {
    failedLogins++;
    if (failedLogins >= MAX_FAILED_LOGINS) {
      lockedUntil = UtcTime.of(now.plus(LOCKOUT));
      failedLogins = 0;
    }
  }

  /** Clears the failure count and records the TOTP step used, if any. */
  public void loginSucceeded(long totpStep) {
    failedLogins = 0;
    lockedUntil = null;
    totpLastStep = Math.max(totpLastStep, totpStep);
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  /** Removes the account: it can no longer log in and its sessions stop authenticating. */
  public void delete(Instant now) {
    deletedAt = UtcTime.of(now);
  }

  public Instant createdAt() {
    return UtcTime.instant(createdAt);
  }
}
