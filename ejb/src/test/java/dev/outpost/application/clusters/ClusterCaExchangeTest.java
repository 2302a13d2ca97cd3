package dev.outpost.application.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.api.ClusterCas;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.domain.cluster.LeafCluster;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.testing.InMemoryTrustedClusters;
import dev.outpost.testing.Keys;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.TestCas;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterCaExchangeTest {
  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final CertificateAuthorities cas = TestCas.create(clock.instant());
  private final InMemoryTrustedClusters clusters = new InMemoryTrustedClusters();
  private final ClusterCaExchange exchange = new ClusterCaExchange(clusters, cas, clock);
  private final String newUserCa = key();
  private final String oldUserCa = TrustedCaKeys.retiring(key(), clock.instant().plusSeconds(60));
  private final String hostCa = key();

  @BeforeEach
  void trustLeaf() {
    clusters.addLeaf(new LeafCluster("depot", key(), key(), "SHA256:tunnel", clock.instant()));
  }

  @Test
  void aLeafsRotatedKeysReplaceWhatTheRootKnew() {
    exchange.fromLeaf("depot", new ClusterCas("depot", List.of(newUserCa, oldUserCa),
        List.of(hostCa)));

    LeafCluster leaf = clusters.findLeaf("depot").orElseThrow();
    assertEquals(List.of(newUserCa, oldUserCa), leaf.cas().userCaKeys());
    assertEquals(List.of(hostCa), leaf.cas().hostCaKeys());
    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of(newUserCa),
        TrustedCaKeys.trustedAt(leaf.cas().userCaKeys(), clock.instant()));
  }

  @Test
  void ownTellsEveryKeyThisClusterTrusts() {
    ClusterCas own = exchange.own();

    assertEquals(TestCas.CLUSTER, own.cluster());
    assertEquals(List.of(cas.users().publicKey()), own.userCaKeys());
    assertEquals(List.of(cas.hosts().publicKey()), own.hostCaKeys());
  }

  @Test
  void aPeerTellsOnlyItsOwnKeysAndOnlySaneLists() {
    List<String> before = clusters.findLeaf("depot").orElseThrow().cas().userCaKeys();

    assertRefused(new ClusterCas("other", List.of(newUserCa), List.of(hostCa)));
    assertRefused(new ClusterCas("depot", List.of(oldUserCa, newUserCa), List.of(hostCa)));
    assertRefused(new ClusterCas("depot", List.of(), List.of(hostCa)));
    assertRefused(new ClusterCas("depot", Collections.nCopies(9, newUserCa), List.of(hostCa)));
    assertRefused(new ClusterCas("depot", List.of(newUserCa + "\n" + key()), List.of(hostCa)));
    assertRefused(new ClusterCas("depot", List.of("not a key"), List.of(hostCa)));
    assertThrows(OutpostException.class, () -> exchange.fromRoot("depot",
        new ClusterCas("depot", List.of(newUserCa), List.of(hostCa))), "depot is no root here");

    assertEquals(before, clusters.findLeaf("depot").orElseThrow().cas().userCaKeys());
  }

  private void assertRefused(ClusterCas told) {
    assertThrows(OutpostException.class, () -> exchange.fromLeaf("depot", told));
  }

  private static String key() {
    return SshKeys.format(Keys.ed25519().getPublic());
  }
}
