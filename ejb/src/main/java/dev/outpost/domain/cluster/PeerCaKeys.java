package dev.outpost.domain.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;

/**
 * The CA keys of a trusted cluster as it last told them, active first, one {@link
 * dev.outpost.api.TrustedCaKeys} line each: a key its rotation retired carries the end of its
 * grace. Told at joining, then over the tunnel after every rotation.
 */
@Embeddable
public class PeerCaKeys {

  @Column(name = "user_ca", nullable = false, length = 8192)
  private String userCa;

  @Column(name = "host_ca", nullable = false, length = 8192)
  private String hostCa;

  protected PeerCaKeys() {}

  public PeerCaKeys(List<String> userCaKeys, List<String> hostCaKeys) {
    this.userCa = String.join("\n", userCaKeys);
    this.hostCa = String.join("\n", hostCaKeys);
  }

  public List<String> userCaKeys() {
    return userCa.lines().toList();
  }

  public List<String> hostCaKeys() {
    return hostCa.lines().toList();
  }
}
