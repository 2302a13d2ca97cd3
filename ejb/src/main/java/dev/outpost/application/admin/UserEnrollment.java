package dev.outpost.application.admin;

import dev.outpost.api.InviteAcceptance;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.user.Invite;
import dev.outpost.domain.user.InviteRepository;
import dev.outpost.domain.user.Login;
import dev.outpost.domain.user.NewPassword;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.TotpSecret;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.domain.user.UserRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Admins create users without a password; the user sets one through a one-time invite (24 h).
 */
public final class UserEnrollment {

  static final int INVITE_BYTES = 16;

  private final UserRepository users;
  private final RoleRepository roles;
  private final InviteRepository invites;
  private final PasswordHasher hasher;
  private final String publicAddr;
  private final AuditRecorder audit;
  private final Clock clock;
  private final SecureRandom random;

  public UserEnrollment(UserRepository users, RoleRepository roles, InviteRepository invites,
      PasswordHasher hasher, String publicAddr, AuditRecorder audit, Clock clock,
      SecureRandom random) {
    this.users = users;
    this.roles = roles;
    this.invites = invites;
    this.hasher = hasher;
    this.publicAddr = publicAddr;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  public UserCreated create(UserIdentity admin, UserRequest request) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.USER_CREATE).actor(admin.user());
    try {
      admin.requireRole(Role.ADMIN);
      if (request == null) {
        throw OutpostException.badRequest("user request is empty");
      }
      attempt = attempt.target(request.name());
      UserName name = new UserName(request.name());
      Set<String> roleNames = existingRoles(request.roles());
      List<String> logins = Login.validate(request.logins());
      if (users.findByName(name.value()).isPresent()) {
        throw OutpostException.conflict("user " + name + " already exists");
      }
      if (users.nameTaken(name.value())) {
        throw OutpostException.conflict("user " + name + " was removed and names are not reused"
            + " (audit events name users): choose another name");
      }
      Instant now = clock.instant();
      User user = new User(name, roleNames, logins, now);
      users.add(user);
      String code = SecretToken.generate(random, INVITE_BYTES);
      Invite invite = new Invite(user, SecretToken.hash(code), now);
      invites.add(invite);
      List<String> sorted = user.identity(now).roleNames();
      audit.record(attempt.message("user " + name + " with roles " + sorted));
      return new UserCreated(name.value(), sorted, user.logins(),
          "https://" + publicAddr + "/invite/" + code, code, invite.expiresAt());
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }

  /**
   * Sets the invited user's password, enrols the TOTP secret when one comes with a matching
   * code, and uses the invite up.
   */
  public void acceptInvite(String code, InviteAcceptance acceptance) {
    NewPassword password = new NewPassword(acceptance == null ? null : acceptance.password());
    Optional<TotpSecret> secret = Optional.ofNullable(acceptance.totpSecret())
        .map(TotpSecret::parse);
    Instant now = clock.instant();
    long confirmedStep = secret.map(s -> s.confirm(Totp.STANDARD, acceptance.totpCode(), now))
        .orElse(0L);
    if (code == null || code.length() > 128) {
      throw OutpostException.notFound(Invite.INVALID);
    }
    Invite invite = invites.findByCodeHash(SecretToken.hash(code.trim()))
        .orElseThrow(() -> OutpostException.notFound(Invite.INVALID));
    User user = invite.redeem(now);
    user.changePassword(hasher.hash(password.value()));
    secret.ifPresent(s -> user.enrollTotp(s, confirmedStep));
    audit.record(AuditRecord.success(AuditEventType.INVITE_ACCEPT).actor(user.name())
        .message(secret.isPresent() ? "password set and TOTP enrolled" : "password set"));
  }

  /** The requested role names, each of an existing role. */
  private Set<String> existingRoles(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw OutpostException.badRequest("a user needs at least one role, such as access");
    }
    Set<String> requested = names.stream().map(Role::checkName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> known = roles.findAll(requested).stream().map(StoredRole::name)
        .collect(Collectors.toSet());
    List<String> unknown = requested.stream().filter(name -> !known.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw OutpostException.badRequest("no such role: " + String.join(", ", unknown)
          + " (create it with 'outpost admin roles create -f FILE')");
    }
    return requested;
  }
}
