package dev.outpost.application.admin;

import dev.outpost.api.RoleApplied;
import dev.outpost.api.RoleView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleDocument;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.RoleYaml;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Admins apply, list and remove roles. Applying is create-or-update by name; changes are audited
 * as {@code role.create}, {@code role.update} or {@code role.delete} with the admin as actor, and
 * refused ones too.
 */
public final class RoleAdministration {

  private final RoleRepository roles;
  private final AuditRecorder audit;
  private final Clock clock;

  public RoleAdministration(RoleRepository roles, AuditRecorder audit, Clock clock) {
    this.roles = roles;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates the role of {@code resource}, or replaces the role of that name. */
  public RoleApplied apply(UserIdentity admin, String resource) {
    admin.requireRole(Role.ADMIN);
    Role role;
    try {
      role = RoleYaml.parse(resource);
    } catch (OutpostException e) {
      audit.record(AuditRecord.failure(AuditEventType.ROLE_CREATE, e.getMessage())
          .actor(admin.user()));
      throw e;
    }
    if (Role.ADMIN.equals(role.name())) {
      throw refused(AuditEventType.ROLE_UPDATE, admin,
          OutpostException.forbidden("built-in role admin cannot be changed"));
    }
    Optional<StoredRole> existing = roles.find(role.name());
    if (existing.isPresent()) {
      existing.get().update(resource, clock.instant());
    } else {
      roles.add(new StoredRole(resource, clock.instant()));
    }
    audit.record(AuditRecord.success(existing.isPresent()
            ? AuditEventType.ROLE_UPDATE : AuditEventType.ROLE_CREATE)
        .actor(admin.user()).message("role " + role.name()));
    return new RoleApplied(role.name(), existing.isEmpty());
  }

  /** Every role, by name. */
  public List<RoleView> list(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return roles.list().stream().map(StoredRole::role).map(RoleAdministration::view).toList();
  }

  /** Removes a role; users who had it lose what it granted. Built-in roles stay. */
  public void remove(UserIdentity admin, String name) {
    admin.requireRole(Role.ADMIN);
    StoredRole role = roles.find(Role.checkName(name))
        .orElseThrow(() -> refused(AuditEventType.ROLE_DELETE, admin,
            OutpostException.notFound("no such role: " + name)));
    if (role.role().isBuiltin()) {
      throw refused(AuditEventType.ROLE_DELETE, admin,
          OutpostException.forbidden("built-in role " + name + " cannot be removed"));
    }
    roles.remove(role);
    audit.record(AuditRecord.success(AuditEventType.ROLE_DELETE).actor(admin.user())
        .message("role " + name));
  }

  private OutpostException refused(AuditEventType type, UserIdentity admin,
      OutpostException error) {
    audit.record(AuditRecord.failure(type, error.getMessage()).actor(admin.user()));
    return error;
  }

  private static RoleView view(Role role) {
    return new RoleView(role.name(), RoleDocument.conditions(role.allow()),
        RoleDocument.conditions(role.deny()), RoleDocument.options(role.options()),
        role.isBuiltin());
  }
}
