package dev.outpost.application;

import dev.outpost.api.RoleApplied;
import dev.outpost.api.RoleView;
import dev.outpost.application.admin.RoleAdministration;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** Role resources, administered by users with role admin. */
@Stateless
public class RoleService {

  @Inject
  private RoleRepository roles;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  private RoleAdministration administration;

  @PostConstruct
  void wire() {
    administration = new RoleAdministration(roles, audit::record, clock);
  }

  /** Creates or replaces the role that {@code resource} (YAML or JSON) describes. */
  public RoleApplied apply(UserIdentity admin, String resource) {
    return administration.apply(admin, resource);
  }

  public List<RoleView> list(UserIdentity admin) {
    return administration.list(admin);
  }

  public void remove(UserIdentity admin, String name) {
    administration.remove(admin, name);
  }
}
