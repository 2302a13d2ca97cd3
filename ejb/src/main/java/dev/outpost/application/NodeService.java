package dev.outpost.application;

import dev.outpost.api.NodeView;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.RoleRepository;
import dev.outpost.domain.role.RoleSet;
import dev.outpost.domain.user.UserIdentity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/** Node listings: a user sees the nodes their roles let them reach, an admin all of them. */
@Stateless
public class NodeService {

  @Inject
  private NodeRepository nodes;

  @Inject
  private RoleRepository roles;

  @Inject
  private OutpostConfig config;

  /** The nodes {@code user} may reach with at least one login. */
  public List<NodeView> listFor(UserIdentity user) {
    RoleSet roleSet = new RoleDirectory(roles).resolve(user.roles(), user.logins());
    return cluster().stream().filter(node -> roleSet.maySee(node.name(), node.labels()))
        .map(NodeViews::of).toList();
  }

  /** Every node of the cluster; FORBIDDEN unless {@code admin} has role admin. */
  public List<NodeView> listAll(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return cluster().stream().map(NodeViews::of).toList();
  }

  private List<Node> cluster() {
    return nodes.list(config.clusterName());
  }
}
