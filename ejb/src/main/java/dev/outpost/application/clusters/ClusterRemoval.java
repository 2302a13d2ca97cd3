package dev.outpost.application.clusters;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRecorder;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;

/**
 * An admin ends a trust, on either side: a root forgets a leaf (its tunnel certificate stops
 * working), a leaf forgets a root (its user certificates stop working here). The web tier then
 * closes the tunnel, which ends every session through it. Audited as {@code cluster.delete}.
 */
public final class ClusterRemoval {
  private final TrustedClusterRepository clusters;
  private final AuditRecorder audit;

  public ClusterRemoval(TrustedClusterRepository clusters, AuditRecorder audit) {
    this.clusters = clusters;
    this.audit = audit;
  }

  /**
   * @return {@code leaf} or {@code root}: which kind of trust {@code name} was
   * @throws OutpostException NOT_FOUND when this cluster trusts no cluster of that name
   */
  public String remove(UserIdentity admin, String name) {
    admin.requireRole(Role.ADMIN);
    String kind;
    var leaf = clusters.findLeaf(name);
    var root = clusters.findRoot(name);
    if (leaf.isPresent()) {
      clusters.removeLeaf(leaf.get());
      kind = "leaf";
    } else if (root.isPresent()) {
      clusters.removeRoot(root.get());
      kind = "root";
    } else {
      throw OutpostException.notFound("no trusted cluster named " + name);
    }
    audit.record(AuditRecord.success(AuditEventType.CLUSTER_DELETE)
        .actor(admin.user()).target(name).message(kind + " cluster"));
    return kind;
  }
}
