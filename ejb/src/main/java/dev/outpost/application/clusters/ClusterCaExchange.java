package dev.outpost.application.clusters;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.ClusterCas;
import dev.outpost.api.SshCertificates;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshCertificateAuthority;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.PeerCaKeys;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.cluster.TrustedClusterRepository;
import dev.outpost.domain.shared.OutpostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Trusted clusters keep each other's CA keys current: over their tunnel each tells the other the
 * keys it trusts now ({@link ClusterCas}), and each keeps what the other told, replacing what it
 * knew. A key a rotation retired comes with the end of its grace and is honoured until then. Only
 * the tunnel's own peer is updated: the name it tells must be the one the tunnel was
 * authenticated for.
 *
 * <p>The leaf also shows the tunnel certificate it presents; when the root's host CA no longer
 * signs with the key that issued it (a rotation), the root answers a new one for the same tunnel
 * key, which the leaf keeps for its next dial, so that the tunnel outlives the rotation's grace.
 */
public final class ClusterCaExchange {
  /** More keys than a few rotations within one grace leave is not a rotation. */
  static final int MAX_KEYS = 8;

  private final TrustedClusterRepository clusters;
  private final CertificateAuthorities cas;
  private final Function<RootCluster, PublicKey> tunnelKeys;
  private final Clock clock;

  /** @param tunnelKeys this leaf's tunnel key towards a root ({@link RootTrusts#tunnelKey}) */
  public ClusterCaExchange(TrustedClusterRepository clusters, CertificateAuthorities cas,
      Function<RootCluster, PublicKey> tunnelKeys, Clock clock) {
    this.clusters = clusters;
    this.cas = cas;
    this.tunnelKeys = tunnelKeys;
    this.clock = clock;
  }

  /** On a leaf: what to tell root {@code root}, with the tunnel certificate it issued. */
  public ClusterCas toRoot(String root) {
    return own(root(root).tunnelCertificate());
  }

  /**
   * On a root: keeps what leaf {@code leaf} told.
   *
   * @return what to tell it back, with a new tunnel certificate if its own is of a retired key
   */
  public ClusterCas fromLeaf(String leaf, ClusterCas told) {
    check(leaf, told);
    LeafCluster trusted = clusters.findLeaf(leaf)
        .orElseThrow(() -> OutpostException.unauthenticated("cluster " + leaf + " is not a leaf here"));
    OpenSshCertificate presented = certificate(told.tunnelCertificate());
    trusted.requireTunnelKey(SshKeys.fingerprint(presented.getCertPubKey()));
    trusted.trustCas(new PeerCaKeys(told.userCaKeys(), told.hostCaKeys()));
    PublicKey signing = cas.hosts().activeKey();
    if (SshCertificates.isIssuedByOneOf(presented, List.of(signing))) {
      return own(null);
    }
    try {
      return own(cas.issueClusterCertificate(presented.getCertPubKey(), leaf, clock.instant()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the tunnel certificate", e);
    }
  }

  /** On a leaf: keeps what root {@code root} told, a new tunnel certificate included. */
  public void fromRoot(String root, ClusterCas told) {
    check(root, told);
    RootCluster trusted = root(root);
    trusted.trustCas(new PeerCaKeys(told.userCaKeys(), told.hostCaKeys()));
    if (told.tunnelCertificate() != null) {
      trusted.tunnelCertified(checkedTunnelCertificate(trusted, told));
    }
  }

  private ClusterCas own(String tunnelCertificate) {
    Instant now = clock.instant();
    return new ClusterCas(cas.cluster(), cas.users().trustedKeyLines(now),
        cas.hosts().trustedKeyLines(now), tunnelCertificate);
  }

  private RootCluster root(String root) {
    return clusters.findRoot(root)
        .orElseThrow(() -> OutpostException.unauthenticated("cluster " + root + " is not a root here"));
  }

  /** A tunnel certificate of the root's host CA, valid now, for this cluster's tunnel key. */
  private String checkedTunnelCertificate(RootCluster root, ClusterCas told) {
    OpenSshCertificate certificate = certificate(told.tunnelCertificate());
    Instant now = clock.instant();
    try {
      SshCertificateAuthority.verify(certificate, OpenSshCertificate.Type.HOST,
          TrustedCaKeys.trustedAt(told.hostCaKeys(), now).stream()
              .map(SshKeys::parsePublicKey).toList(),
          "root cluster " + root.name() + "'s host CA", now);
    } catch (GeneralSecurityException e) {
      throw OutpostException.badRequest("tunnel certificate refused: " + e.getMessage());
    }
    if (!SshCertificates.sameKey(certificate.getCertPubKey(), tunnelKeys.apply(root))
        || !cas.cluster().equals(certificate.getId())) {
      throw OutpostException.badRequest("the tunnel certificate is not for this cluster's key");
    }
    return told.tunnelCertificate().strip();
  }

  private static OpenSshCertificate certificate(String line) {
    try {
      if (line != null && CertificateProof.parseCertificate(line) instanceof OpenSshCertificate c) {
        return c;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw OutpostException.badRequest("malformed tunnel certificate: " + e.getMessage());
    }
    throw OutpostException.badRequest("a tunnel certificate is expected");
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
