package dev.outpost.application.clusters;

import dev.outpost.api.ClusterCas;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.cluster.PeerCaKeys;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.shared.OutpostException;
import java.time.Clock;
import java.util.List;

/**
 * Trusted clusters keep each other's CA keys current: over their tunnel each tells the other the
 * keys it trusts now ({@link ClusterCas}), and each keeps what the other told, replacing what it
 * knew. A key a rotation retired comes with the end of its grace and is honoured until then. Only
 * the tunnel's own peer is updated: the name it tells must be the one the tunnel was
 * authenticated for.
 */
public final class ClusterCaExchange {
  /** More keys than a few rotations within one grace leave is not a rotation. */
  static final int MAX_KEYS = 8;

  private final TrustedClusterRepository clusters;
  private final CertificateAuthorities cas;
  private final Clock clock;

  public ClusterCaExchange(TrustedClusterRepository clusters, CertificateAuthorities cas,
      Clock clock) {
    this.clusters = clusters;
    this.cas = cas;
    this.clock = clock;
  }

  /** This cluster's CA keys trusted now. */
  public ClusterCas own() {
    return new ClusterCas(cas.cluster(), cas.users().trustedKeyLines(clock.instant()),
        cas.hosts().trustedKeyLines(clock.instant()));
  }

  /** On a root: keeps what leaf {@code leaf} told. */
  public void fromLeaf(String leaf, ClusterCas told) {
    check(leaf, told);
    clusters.findLeaf(leaf)
        .orElseThrow(() -> OutpostException.unauthenticated("cluster " + leaf + " is not a leaf here"))
        .trustCas(new PeerCaKeys(told.userCaKeys(), told.hostCaKeys()));
  }

  /** On a leaf: keeps what root {@code root} told. */
  public void fromRoot(String root, ClusterCas told) {
    check(root, told);
    clusters.findRoot(root)
        .orElseThrow(() -> OutpostException.unauthenticated("cluster " + root + " is not a root here"))
        .trustCas(new PeerCaKeys(told.userCaKeys(), told.hostCaKeys()));
  }

  private static void check(String peer, ClusterCas told) {
    if (told == null || !peer.equals(told.cluster())) {
      throw OutpostException.badRequest("cluster " + peer + " told the CA keys of another cluster");
    }
    checkKeys("user", told.userCaKeys());
    checkKeys("host", told.hostCaKeys());
  }

  /** One to {@link #MAX_KEYS} keys, each one line, the first (the signing one) without end. */
  private static void checkKeys(String type, List<String> lines) {
    if (lines == null || lines.isEmpty() || lines.size() > MAX_KEYS) {
      throw OutpostException.badRequest("between 1 and " + MAX_KEYS + " " + type
          + " CA keys are expected");
    }
    if (TrustedCaKeys.until(lines.get(0)).isPresent()) {
      throw OutpostException.badRequest("the first " + type + " CA key must be the one that signs");
    }
    for (String line : lines) {
      if (line == null || line.contains("\n") || line.contains("\r")) {
        throw OutpostException.badRequest(type + " CA key is not one line");
      }
      try {
        SshKeys.parsePublicKey(line);
      } catch (IllegalArgumentException e) {
        throw OutpostException.badRequest(type + " CA key: " + e.getMessage());
      }
    }
  }
}
