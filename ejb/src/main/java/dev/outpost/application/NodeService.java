package dev.outpost.application;

import dev.outpost.api.NodeView;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.user.Role;
import dev.outpost.domain.user.UserIdentity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Node listings. For now every user with a role that reaches nodes sees all of them; role label
 * rules will narrow {@link #listFor}.
 */
@Stateless
public class NodeService {

  @Inject
  private NodeRepository nodes;

  @Inject
  private OutpostConfig config;

  /** The nodes {@code user} may reach. */
  public List<NodeView> listFor(UserIdentity user) {
    return user.mayAccessNodes() ? listCluster() : List.of();
  }

  /** Every node of the cluster; FORBIDDEN unless {@code admin} has role admin. */
  public List<NodeView> listAll(UserIdentity admin) {
    admin.requireRole(Role.ADMIN);
    return listCluster();
  }

  private List<NodeView> listCluster() {
    return nodes.list(config.clusterName()).stream().map(NodeViews::of).toList();
  }
}
