package dev.outpost.application.admin;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;

/**
 * Admins remove nodes that are gone (stale: a device replaced, sold, scrapped). Tunnels need the
 * node's row, so the node's certificate opens no tunnel afterwards: the device must join again with
 * a new token. A node that is online or reconnecting is refused: stop its agent first, or lock it.
 */
public final class NodeRemoval {

  private final NodeRepository nodes;
  private final String cluster;
  private final AuditRecorder audit;

  public NodeRemoval(NodeRepository nodes, String cluster, AuditRecorder audit) {
    this.nodes = nodes;
    this.cluster = cluster;
    this.audit = audit;
  }

  /** Audited as {@code node.delete}, refusals included. */
  public void remove(UserIdentity admin, String name) {
    AuditRecord attempt = AuditRecord.success(AuditEventType.NODE_DELETE).actor(admin.user())
        .target(name).node(name);
    try {
      admin.requireRole(Role.ADMIN);
      Node node = nodes.find(cluster, name)
          .orElseThrow(() -> OutpostException.notFound("no node " + name + " in cluster " + cluster));
      if (node.isOnline() || node.isReconnecting()) {
        throw OutpostException.conflict("node " + name + " is "
            + (node.isOnline() ? "online" : "reconnecting") + ": stop its agent first, or lock it"
            + " with 'outpost admin lock --node=" + name + "'");
      }
      nodes.remove(node);
      audit.record(attempt.message("node " + name + " removed (last seen "
          + node.lastSeen().map(Object::toString).orElse("never") + "); it must join again"));
    } catch (OutpostException e) {
      audit.record(attempt.failed(e.getMessage()));
      throw e;
    }
  }
}
