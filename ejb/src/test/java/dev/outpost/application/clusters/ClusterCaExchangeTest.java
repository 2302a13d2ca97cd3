package dev.outpost.application.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.ClusterCas;
import dev.outpost.api.RoleMapping;
import dev.outpost.api.SshCertificates;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.ca.CaStore;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.KeyVault;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.cluster.RoleMap;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.testing.InMemoryTrustedClusters;
import dev.outpost.testing.Keys;
import dev.outpost.testing.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both sides of the exchange: this cluster as the root of "depot" and as the leaf of "hq". */
class ClusterCaExchangeTest {
  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryTrustedClusters clusters = new InMemoryTrustedClusters();
  private final KeyPair depotTunnelKey = Keys.ed25519();
  private final KeyPair ourTunnelKey = Keys.ed25519();
  private final String newUserCa = key();
  private final String oldUserCa = TrustedCaKeys.retiring(key(), clock.instant().plusSeconds(60));
  private final String hostCa = key();
  private CaStore store;
  private CertificateAuthorities cas;
  private ClusterCaExchange exchange;

  @BeforeEach
  void trust() throws Exception {
    store = new CaStore(dir, new KeyVault("passphrase".toCharArray(), new SecureRandom()),
        new SecureRandom());
    cas = store.openOrCreate("prod", clock.instant());
    exchange = new ClusterCaExchange(clusters, cas, root -> ourTunnelKey.getPublic(), clock);
    clusters.addLeaf(new LeafCluster("depot", key(), key(), SshKeys.fingerprint(
        depotTunnelKey.getPublic()), clock.instant()));
    clusters.addRoot(new RootCluster("hq", "hq.example:443", "sha256:00", key(), hostCa, "sealed",
        "unused", RoleMap.of(List.of(new RoleMapping("ops", List.of("access")))), false,
        clock.instant()));
  }

  @Test
  void aLeafsRotatedKeysReplaceWhatTheRootKnewAndItsCertificateStands() throws Exception {
    ClusterCas answer = exchange.fromLeaf("depot", fromDepot(List.of(newUserCa, oldUserCa),
        depotCertificate()));

    LeafCluster leaf = clusters.findLeaf("depot").orElseThrow();
    assertEquals(List.of(newUserCa, oldUserCa), leaf.cas().userCaKeys());
    assertEquals(List.of(hostCa), leaf.cas().hostCaKeys());
    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of(newUserCa),
        TrustedCaKeys.trustedAt(leaf.cas().userCaKeys(), clock.instant()));
    assertEquals("prod", answer.cluster());
    assertEquals(List.of(cas.users().publicKey()), answer.userCaKeys());
    assertNull(answer.tunnelCertificate(), "signed by the current host key: nothing to renew");
  }

  @Test
  void afterAHostRotationTheRootIssuesANewTunnelCertificateForTheSameKey() throws Exception {
    String before = depotCertificate();
    store.rotate(cas.hosts(), clock.instant(), Duration.ofHours(12));

    ClusterCas answer = exchange.fromLeaf("depot", fromDepot(List.of(newUserCa), before));

    assertEquals(2, answer.hostCaKeys().size(), "the retired host key is told with its end");
    OpenSshCertificate renewed = (OpenSshCertificate)
        CertificateProof.parseCertificate(answer.tunnelCertificate());
    assertTrue(SshCertificates.sameKey(depotTunnelKey.getPublic(), renewed.getCertPubKey()));
    assertTrue(SshCertificates.isIssuedByOneOf(renewed, List.of(cas.hosts().trustedKeys(
        clock.instant()).get(0))));
  }

  @Test
  void aCertificateForAnotherKeyIsRefused() {
    String foreign = certificate(Keys.ed25519(), "depot");

    assertThrows(OutpostException.class,
        () -> exchange.fromLeaf("depot", fromDepot(List.of(newUserCa), foreign)));
  }

  @Test
  void aLeafKeepsTheRootsKeysAndANewTunnelCertificateOnlyForItsOwnKey() throws Exception {
    ClusterCas fromHq = new ClusterCas("hq", List.of(newUserCa), cas.hosts().trustedKeyLines(
        clock.instant()), certificate(ourTunnelKey, "prod"));
    exchange.fromRoot("hq", fromHq);

    RootCluster root = clusters.findRoot("hq").orElseThrow();
    assertEquals(List.of(newUserCa), root.cas().userCaKeys());
    assertEquals(fromHq.tunnelCertificate(), root.tunnelCertificate());

    assertThrows(OutpostException.class, () -> exchange.fromRoot("hq", new ClusterCas("hq",
        List.of(newUserCa), fromHq.hostCaKeys(), certificate(Keys.ed25519(), "prod"))));
    assertThrows(OutpostException.class, () -> exchange.fromRoot("hq", new ClusterCas("hq",
        List.of(newUserCa), List.of(hostCa), certificate(ourTunnelKey, "prod"))),
        "not signed by a host CA key the root told");
    assertEquals(fromHq.tunnelCertificate(), root.tunnelCertificate());
    assertNotNull(exchange.toRoot("hq").tunnelCertificate());
  }

  @Test
  void aPeerTellsOnlyItsOwnKeysAndOnlySaneLists() throws Exception {
    List<String> before = clusters.findLeaf("depot").orElseThrow().cas().userCaKeys();
    String certificate = depotCertificate();

    assertRefused(new ClusterCas("other", List.of(newUserCa), List.of(hostCa), certificate));
    assertRefused(fromDepot(List.of(oldUserCa, newUserCa), certificate));
    assertRefused(fromDepot(List.of(), certificate));
    assertRefused(fromDepot(Collections.nCopies(9, newUserCa), certificate));
    assertRefused(fromDepot(List.of(newUserCa + "\n" + key()), certificate));
    assertRefused(fromDepot(List.of("not a key"), certificate));
    assertRefused(fromDepot(List.of(newUserCa), null));

    assertEquals(before, clusters.findLeaf("depot").orElseThrow().cas().userCaKeys());
  }

  private void assertRefused(ClusterCas told) {
    assertThrows(OutpostException.class, () -> exchange.fromLeaf("depot", told));
  }

  private ClusterCas fromDepot(List<String> userCaKeys, String tunnelCertificate) {
    return new ClusterCas("depot", userCaKeys, List.of(hostCa), tunnelCertificate);
  }

  private String depotCertificate() {
    return certificate(depotTunnelKey, "depot");
  }

  private String certificate(KeyPair key, String leaf) {
    try {
      return cas.issueClusterCertificate(key.getPublic(), leaf, clock.instant());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key() {
    return SshKeys.format(Keys.ed25519().getPublic());
  }
}
