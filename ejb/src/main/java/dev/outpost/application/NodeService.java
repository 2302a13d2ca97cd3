package dev.outpost.application;

import dev.outpost.api.NodeView;
import dev.outpost.application.admin.NodeRemoval;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.user.UserIdentity;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Node listings (a user sees the nodes their roles let them reach, an admin all of them) and the
 * removal of nodes that are gone.
 */
@Stateless
public class NodeService {

  @Inject
  private NodeRepository nodes;

  @Inject
  private RoleRepository roles;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  /** The nodes {@code user} may reach with at least one login. */
  public List<NodeView> listFor(UserIdentity user) {
    RoleSet roleSet = new RoleDirectory(roles).resolve(user);
    return cluster().stream().filter(node -> roleSet.maySee(node.name(), node.labels()))
        .map(node -> NodeViews.of(node, staleBefore())).toList();
  }

  /** Every node of the cluster; FORBIDDEN unless {@code admin} has role admin. */
  public List<NodeView> listAll(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return cluster().stream().map(node -> NodeViews.of(node, staleBefore())).toList();
  }

  /** Removes an offline node; see {@link NodeRemoval}. */
  public void remove(UserIdentity admin, String name) {
    new NodeRemoval(nodes, config.clusterName(), audit::record).remove(admin, name);
  }

  private Instant staleBefore() {
    return clock.instant().minus(config.nodeStaleAfter());
  }

  private List<Node> cluster() {
    return nodes.list(config.clusterName());
  }
}
