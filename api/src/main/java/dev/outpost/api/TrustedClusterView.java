package dev.outpost.api;

import java.time.Instant;
import java.util.List;

/**
 * One cluster as listed by {@code GET /api/v1/clusters} and {@code GET /api/v1/admin/clusters}.
 *
 * @param name cluster name
 * @param kind {@code self} for the cluster answering, {@code leaf} for a leaf that joined it,
 *     {@code root} for a root it joined
 * @param online whether the tunnel between the two is up now (always true for {@code self})
 * @param lastSeen when the tunnel was last up, or null
 * @param hostCa the cluster's host CA public key that signs now, for an {@code @cert-authority}
 *     line
 * @param hostCaKeys every host CA key trusted now, {@code hostCa} first, then the keys a rotation
 *     retired ({@link TrustedCaKeys}): an {@code @cert-authority} line each
 */
public record TrustedClusterView(String name, String kind, boolean online, Instant lastSeen,
    String hostCa, List<String> hostCaKeys) {

  /** A cluster whose trusted host CA keys are {@code hostCaKeys}, the one that signs first. */
  public static TrustedClusterView of(String name, String kind, boolean online, Instant lastSeen,
      List<String> hostCaKeys) {
    return new TrustedClusterView(name, kind, online, lastSeen, hostCaKeys.get(0),
        List.copyOf(hostCaKeys));
  }

  /** The host CA keys to trust, also from a proxy that sent only {@code hostCa}. */
  public List<String> trustedHostCaKeys() {
    return hostCaKeys == null || hostCaKeys.isEmpty() ? List.of(hostCa) : hostCaKeys;
  }
}
