package dev.outpost.tunnel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class KubeStreamTargetTest {

  @Test
  void roundTripsGroupsWithAnyCharacters() {
    KubeStreamTarget target = new KubeStreamTarget("edge-k8s", "alice", "alice@example.com",
        List.of("system:masters", "a&b=c", "x y"));

    assertEquals(target, KubeStreamTarget.parse(target.encode()));
  }

  @Test
  void refusesHeaderInjectionAndUnknownFields() {
    assertThrows(IllegalArgumentException.class,
        () -> KubeStreamTarget.parse("kube?cluster=c&requester=a&user=a%0D%0AX:%201"));
    assertThrows(IllegalArgumentException.class,
        () -> KubeStreamTarget.parse("kube?cluster=c&requester=a&user=a&as=root"));
    assertThrows(IllegalArgumentException.class, () -> KubeStreamTarget.parse("kube?cluster=c"));
    assertThrows(IllegalArgumentException.class, () -> KubeStreamTarget.parse("ssh?login=root"));
  }
}
