package dev.outpost.domain.node;

import dev.outpost.domain.shared.UtcTime;
import dev.outpost.domain.shared.OutpostException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A joined node and the state of its tunnel. */
@Entity
@Table(name = "nodes", uniqueConstraints = @UniqueConstraint(columnNames = {"cluster", "name"}))
@NamedQuery(name = "Node.byName",
    query = "SELECT n FROM Node n WHERE n.cluster = :cluster AND n.name = :name")
// The labels of every listed node in one more query, not one per node (EclipseLink's batch
// reading; other providers ignore the hints).
@NamedQuery(name = "Node.all",
    query = "SELECT n FROM Node n WHERE n.cluster = :cluster ORDER BY n.name",
    hints = {@QueryHint(name = "eclipselink.batch", value = "n.labels"),
        @QueryHint(name = "eclipselink.batch.type", value = "IN")})
// Node.seen's rule as one statement, for the heartbeat of every connected node at once. SQL, not
// JPQL: EclipseLink's bulk update would bump the version and so fail the tunnel's own updates.
@NamedNativeQuery(name = "Node.seen",
    query = "UPDATE nodes SET last_seen = ?1 WHERE cluster = ?2 AND name = ?3"
        + " AND (last_seen IS NULL OR last_seen < ?1)")
public class Node {

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 253)
  private String cluster;

  @Column(nullable = false, length = 63)
  private String name;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "node_labels", joinColumns = @JoinColumn(name = "node_id"))
  @MapKeyColumn(name = "label_key", length = 63)
  @Column(name = "label_value", nullable = false, length = 255)
  private Map<String, String> labels = new HashMap<>();

  /** SHA-256 fingerprint of the host key the node's certificate is for. */
  @Column(name = "host_key_fingerprint", nullable = false, length = 128)
  private String hostKeyFingerprint;

  @Column(name = "joined_at", nullable = false)
  private OffsetDateTime joinedAt;

  @Column(nullable = false)
  private boolean online;

  /** Identifies the tunnel that made the node online, so a stale tunnel cannot take it offline. */
  @Column(name = "tunnel_id", length = 36)
  private String tunnelId;

  @Column(name = "connected_since")
  private OffsetDateTime connectedSince;

  @Column(name = "last_seen")
  private OffsetDateTime lastSeen;

  @Column(name = "proxy_instance", length = 253)
  private String proxyInstance;

  @Column(name = "remote_addr", length = 64)
  private String remoteAddr;

  @Version
  private long version;

  protected Node() {}

  public Node(String cluster, NodeName name, NodeLabels labels, String hostKeyFingerprint,
      Instant now) {
    this.id = UUID.randomUUID().toString();
    this.cluster = cluster;
    this.name = name.value();
    this.joinedAt = UtcTime.of(now);
    rejoin(labels, hostKeyFingerprint, now);
  }

  /** Records a new join of the same node name: new labels and host key. */
  public void rejoin(NodeLabels newLabels, String newFingerprint, Instant now) {
    this.labels = new HashMap<>(newLabels.values());
    this.hostKeyFingerprint = newFingerprint;
    this.joinedAt = UtcTime.of(now);
  }

  /** Marks the node online through a new tunnel and returns that tunnel's id. */
  public UUID connected(String viaProxy, String fromAddr, Instant now) {
    UUID tunnel = UUID.randomUUID();
    connected(tunnel, viaProxy, fromAddr, now);
    return tunnel;
  }

  /** Marks the node online through tunnel {@code tunnel}. */
  public void connected(UUID tunnel, String viaProxy, String fromAddr, Instant now) {
    this.online = true;
    this.tunnelId = tunnel.toString();
    this.connectedSince = UtcTime.of(now);
    this.lastSeen = UtcTime.of(now);
    this.proxyInstance = viaProxy;
    this.remoteAddr = fromAddr;
  }

  /** The node's tunnel received a frame at {@code heard}; last-seen never goes back. */
  public void seen(Instant heard) {
    if (lastSeen == null || heard.isAfter(UtcTime.instant(lastSeen))) {
      this.lastSeen = UtcTime.of(heard);
    }
  }

  /**
   * The proxy that served this node's tunnel restarted: no tunnel survives that, whatever the
   * database still says.
   *
   * @return whether the node was online through that proxy and is now offline
   */
  public boolean tunnelLostWith(String restartedProxy) {
    if (tunnelId != null && restartedProxy.equals(proxyInstance)) {
      this.online = false;
      this.tunnelId = null;
      return true;
    }
    return false;
  }

  /**
   * Marks the node reconnecting if {@code tunnel} is still the one serving it: the tunnel was lost
   * and its sessions wait for the next one. {@link #disconnected} or a new tunnel ends that.
   *
   * @param lastHeard when the tunnel last received anything: the node was last seen then
   * @return false when a newer tunnel has taken over
   */
  public boolean linkLost(UUID tunnel, Instant lastHeard) {
    if (!tunnel.toString().equals(tunnelId)) {
      return false;
    }
    this.online = false;
    seen(lastHeard);
    return true;
  }

  /**
   * Marks the node offline if {@code tunnel} is still the one serving (or last served) it. A node
   * whose link was lost keeps the last-seen time of the loss: its sessions giving up later (the
   * resume grace) says nothing about when it was last heard from.
   *
   * @return false when a newer tunnel has taken over
   */
  public boolean disconnected(UUID tunnel, Instant now) {
    if (!tunnel.toString().equals(tunnelId)) {
      return false;
    }
    if (online) {
      seen(now);
    }
    this.online = false;
    this.tunnelId = null;
    return true;
  }

  public String cluster() {
    return cluster;
  }

  public String name() {
    return name;
  }

  public Map<String, String> labels() {
    return Map.copyOf(labels);
  }

  public String hostKeyFingerprint() {
    return hostKeyFingerprint;
  }

  /**
   * @throws OutpostException UNAUTHENTICATED unless {@code fingerprint} is the registered host key
   */
  public void requireHostKey(String fingerprint) {
    if (!hostKeyFingerprint.equals(fingerprint)) {
      throw OutpostException.unauthenticated(
          "host key of node " + name + " does not match its registration: join again");
    }
  }

  /** Whether the node's tunnel was lost and the proxy still waits for it (the resume grace). */
  public boolean isReconnecting() {
    return !online && tunnelId != null;
  }

  public boolean isOnline() {
    return online;
  }

  /**
   * Whether the node has been gone since before {@code cutoff}: offline, not waiting for its
   * tunnel to resume, and last seen earlier. A node never seen is not stale: it has just joined.
   */
  public boolean isStaleAt(Instant cutoff) {
    return !isOnline() && !isReconnecting() && lastSeen().map(seen -> seen.isBefore(cutoff))
        .orElse(false);
  }

  public Optional<Instant> lastSeen() {
    return Optional.ofNullable(UtcTime.instant(lastSeen));
  }

  public Optional<String> proxyInstance() {
    return Optional.ofNullable(proxyInstance);
  }
}
