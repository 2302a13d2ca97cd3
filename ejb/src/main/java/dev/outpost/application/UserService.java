package dev.outpost.application;

import dev.outpost.api.InviteAcceptance;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.application.admin.UserEnrollment;
import dev.outpost.config.OutpostConfig;
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

/** Users created by admins, and the invites through which they set a password. */
@Stateless
public class UserService {

  @Inject
  private UserRepository users;

  @Inject
  private RoleRepository roles;

  @Inject
  private InviteRepository invites;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private AuditLog audit;

  private UserEnrollment enrollment;

  @PostConstruct
  void wire() {
    enrollment = new UserEnrollment(users, roles, invites, new PasswordHasher(random),
        config.publicAddr(), audit::record, clock, random);
  }

  /** Creates a user with a one-time invite; FORBIDDEN unless {@code admin} has role admin. */
  public UserCreated create(UserIdentity admin, UserRequest request) {
    return enrollment.create(admin, request);
  }

  /** Sets the password of an invited user (at least 12 characters). */
  public void acceptInvite(String code, InviteAcceptance acceptance) {
    enrollment.acceptInvite(code, acceptance);
  }
}
