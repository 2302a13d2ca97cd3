package dev.outpost.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KubeClusterNameTest {

  @Test
  void aClusterOfThisProxyKeepsItsPlainAddress() {
    KubeClusterName name = new KubeClusterName("edge-k8s", null);
    assertEquals("/api/v1/kube/clusters", name.listingPath());
    assertEquals("/kube/edge-k8s", name.serverPath());
    assertEquals("root-edge-k8s", name.context("root"));
  }

  @Test
  void aLeafsClusterIsAddressedLikeALeafsNode() {
    KubeClusterName name = new KubeClusterName("edge-k8s", "depot");
    assertEquals("/api/v1/kube/clusters?cluster=depot", name.listingPath());
    assertEquals("/kube/edge-k8s.depot", name.serverPath());
    assertEquals("root-edge-k8s.depot", name.context("root"));
  }

  @Test
  void namesWithDotsOrOtherCharactersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new KubeClusterName("a.b", null));
    assertThrows(IllegalArgumentException.class, () -> new KubeClusterName("edge", "depot.evil"));
    assertThrows(IllegalArgumentException.class, () -> new KubeClusterName("edge", "Depot"));
    assertThrows(IllegalArgumentException.class, () -> new KubeClusterName("edge", ""));
    assertThrows(IllegalArgumentException.class, () -> new KubeClusterName("edge/..", null));
  }
}
