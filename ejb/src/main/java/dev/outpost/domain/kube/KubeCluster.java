package dev.outpost.domain.kube;

import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A Kubernetes cluster whose API server one node's agent reaches. The name is a DNS label, unique
 * in the Outpost cluster; the node that registered it first keeps it, so that no other node can
 * take over the requests (and the impersonation) meant for it.
 */
@Entity
@Table(name = "kube_clusters", uniqueConstraints = @UniqueConstraint(columnNames = {"cluster", "name"}))
@NamedQuery(name = "KubeCluster.byName",
    query = "SELECT k FROM KubeCluster k WHERE k.cluster = :cluster AND k.name = :name")
@NamedQuery(name = "KubeCluster.all",
    query = "SELECT k FROM KubeCluster k WHERE k.cluster = :cluster ORDER BY k.name")
public class KubeCluster {

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 253)
  private String cluster;

  @Column(nullable = false, length = 63)
  private String name;

  @Column(name = "node_name", nullable = false, length = 63)
  private String nodeName;

  @Column(name = "registered_at", nullable = false)
  private OffsetDateTime registeredAt;

  @Version
  private long version;

  protected KubeCluster() {}

  /** @throws OutpostException BAD_REQUEST when {@code name} is not a DNS label */
  public KubeCluster(String cluster, String name, String nodeName, Instant now) {
    checkName(name);
    this.id = UUID.randomUUID().toString();
    this.cluster = cluster;
    this.name = name;
    this.nodeName = nodeName;
    this.registeredAt = UtcTime.of(now);
  }

  /** @throws OutpostException BAD_REQUEST naming the rule */
  public static void checkName(String name) {
    if (!NodeName.isDnsLabel(name)) {
      throw OutpostException.badRequest("Kubernetes cluster name '" + name + "' is invalid: use"
          + " 1-63 lowercase letters, digits or '-', not starting or ending with '-'");
    }
  }

  /**
   * The same node announces its cluster again (each agent start).
   *
   * @throws OutpostException CONFLICT when another node holds the name
   */
  public void reregister(String byNode, Instant now) {
    if (!nodeName.equals(byNode)) {
      throw OutpostException.conflict("Kubernetes cluster " + name + " is served by node "
          + nodeName + ", not " + byNode);
    }
    this.registeredAt = UtcTime.of(now);
  }

  public String name() {
    return name;
  }

  public String nodeName() {
    return nodeName;
  }
}
