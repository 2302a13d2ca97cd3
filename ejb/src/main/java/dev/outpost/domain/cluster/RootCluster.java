package dev.outpost.domain.cluster;

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

/**
 * A root cluster this (leaf) cluster joined: where its proxy is, the pin of its CA, its CA keys
 * (the root's user CA is trusted here only through the role map), this cluster's tunnel key
 * (sealed by the key vault) and the certificate the root issued for it.
 */
@Entity
@Table(name = "root_clusters")
@NamedQuery(name = "RootCluster.all", query = "SELECT r FROM RootCluster r ORDER BY r.name")
public class RootCluster {

  @Id
  @Column(length = 63)
  private String name;

  @Column(name = "proxy_addr", nullable = false, length = 255)
  private String proxyAddr;

  @Column(name = "ca_pin", nullable = false, length = 80)
  private String caPin;

  @Embedded
  private PeerCaKeys cas;

  /** Base64 of the key vault's sealed OpenSSH private key. */
  @Column(name = "tunnel_key", nullable = false, length = 4096)
  private String tunnelKey;

  @Column(name = "tunnel_certificate", nullable = false, length = 4096)
  private String tunnelCertificate;

  @Column(name = "role_map", nullable = false, length = 8192)
  private String roleMap;

  @Column(name = "forward_audit", nullable = false)
  private boolean forwardAudit;

  @Column(name = "joined_at", nullable = false)
  private OffsetDateTime joinedAt;

  @Version
  private long version;

  protected RootCluster() {}

  public RootCluster(String name, String proxyAddr, String caPin, String userCa, String hostCa,
      String sealedTunnelKey, String tunnelCertificate, RoleMap roleMap, boolean forwardAudit,
      Instant now) {
    this.name = name;
    this.proxyAddr = proxyAddr;
    this.caPin = caPin;
    this.cas = new PeerCaKeys(List.of(userCa), List.of(hostCa));
    this.tunnelKey = sealedTunnelKey;
    this.tunnelCertificate = tunnelCertificate;
    this.roleMap = roleMap.format();
    this.forwardAudit = forwardAudit;
    this.joinedAt = UtcTime.of(now);
  }

  public String name() {
    return name;
  }

  public String proxyAddr() {
    return proxyAddr;
  }

  public String caPin() {
    return caPin;
  }

  /** Its CA keys as it last told them. */
  public PeerCaKeys cas() {
    return cas;
  }

  /** Keeps the CA keys it told after a rotation (on either side of the trust, at its tunnel). */
  public void trustCas(PeerCaKeys told) {
    this.cas = told;
  }

  public String sealedTunnelKey() {
    return tunnelKey;
  }

  public String tunnelCertificate() {
    return tunnelCertificate;
  }

  /** Keeps the tunnel certificate the root issued anew after rotating its host CA. */
  public void tunnelCertified(String certificate) {
    this.tunnelCertificate = certificate;
  }

  public RoleMap roleMap() {
    return RoleMap.parse(roleMap);
  }

  public boolean forwardsAudit() {
    return forwardAudit;
  }
}
