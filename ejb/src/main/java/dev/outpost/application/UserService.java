package dev.outpost.application;

import dev.outpost.api.InviteAcceptance;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.api.UserView;
import dev.outpost.application.admin.UserAccounts;
import dev.outpost.application.admin.UserEnrollment;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.lock.LockRepository;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.user.InviteRepository;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** Users created, listed and removed by admins, and the invites through which they set a password. */
@Stateless
public class UserService {

  @Inject
  private UserRepository users;

  @Inject
  private RoleRepository roles;

  @Inject
  private InviteRepository invites;

  @Inject
  private LockRepository locks;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private AuditLog audit;

  private UserEnrollment enrollment;
  private UserAccounts accounts;

  @PostConstruct
  void wire() {
    enrollment = new UserEnrollment(users, roles, invites, new PasswordHasher(random),
        config.publicAddr(), audit::record, clock, random);
    accounts = new UserAccounts(users, locks, audit::record, clock);
  }

  /** Creates a user with a one-time invite; FORBIDDEN unless {@code admin} has role admin. */
  public UserCreated create(UserIdentity admin, UserRequest request) {
    return enrollment.create(admin, request);
  }

  /** Users that are not deleted; FORBIDDEN unless {@code admin} has role admin. */
  public List<UserView> list(UserIdentity admin) {
    return accounts.list(admin);
  }

  /** Removes a user and ends their sessions; NOT_FOUND when there is no such user. */
  public void remove(UserIdentity admin, String name) {
    accounts.remove(admin, name);
  }

  /** Sets the password of an invited user (at least 12 characters). */
  public void acceptInvite(String code, InviteAcceptance acceptance) {
    enrollment.acceptInvite(code, acceptance);
  }
}
