package dev.outpost.domain.cluster;

import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.UtcTime;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A leaf cluster that joined this (root) cluster: its CA keys, and the key its tunnel certificate
 * was issued for. Its proxy is accepted on the cluster tunnel only with that key, so removing the
 * row ends the trust at once.
 */
@Entity
@Table(name = "leaf_clusters")
@NamedQuery(name = "LeafCluster.all", query = "SELECT l FROM LeafCluster l ORDER BY l.name")
public class LeafCluster {

  @Id
  @Column(length = 63)
  private String name;

  @Embedded
  private PeerCaKeys cas;

  @Column(name = "tunnel_key_fingerprint", nullable = false, length = 128)
  private String tunnelKeyFingerprint;

  @Column(name = "joined_at", nullable = false)
  private OffsetDateTime joinedAt;

  @Column(name = "last_seen")
  private OffsetDateTime lastSeen;

  @Version
  private long version;

  protected LeafCluster() {}

  public LeafCluster(String name, String userCa, String hostCa, String tunnelKeyFingerprint,
      Instant now) {
    this.name = name;
    this.cas = new PeerCaKeys(List.of(userCa), List.of(hostCa));
    this.tunnelKeyFingerprint = tunnelKeyFingerprint;
    this.joinedAt = UtcTime.of(now);
  }

  public String name() {
    return name;
  }

  /** Its CA keys as it last told them. */
  public PeerCaKeys cas() {
    return cas;
  }

  /** Keeps the CA keys it told after a rotation (on either side of the trust, at its tunnel). */
  public void trustCas(PeerCaKeys told) {
    this.cas = told;
  }

  public Optional<Instant> lastSeen() {
    return Optional.ofNullable(lastSeen).map(OffsetDateTime::toInstant);
  }

  /** @throws OutpostException UNAUTHENTICATED unless the tunnel certificate is for this key */
  public void requireTunnelKey(String fingerprint) {
    if (!tunnelKeyFingerprint.equals(fingerprint)) {
      throw OutpostException.unauthenticated("cluster " + name
          + " joined with another key: its certificate is no longer valid");
    }
  }

  public void seen(Instant now) {
    this.lastSeen = UtcTime.of(now);
  }
}
