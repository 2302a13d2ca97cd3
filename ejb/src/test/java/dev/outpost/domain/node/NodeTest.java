package dev.outpost.domain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.shared.OutpostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"a", "edge-1", "0node",
      "a23456789012345678901234567890123456789012345678901234567890123"})
  void acceptsDnsLabels(String name) {
    assertEquals(name, new NodeName(name).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-edge", "edge-", "Edge", "edge_1", "edge.1", "ed ge",
      "a234567890123456789012345678901234567890123456789012345678901234"})
  void refusesWhatIsNotADnsLabel(String name) {
    assertTrue(assertThrows(OutpostException.class, () -> new NodeName(name)).getMessage()
        .startsWith("node name '" + name + "' is invalid"));
  }

  @Test
  void acceptsTypicalLabels() {
    NodeLabels labels = new NodeLabels(Map.of("env", "edge", "region", "eu-west/1",
        "kubernetes.io/arch", "arm64", "owner", "ops@example.com", "empty", ""));

    assertEquals(5, labels.values().size());
    assertEquals(Map.of(), new NodeLabels(null).values());
  }

  @Test
  void refusesBadLabelKeysAndValues() {
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("", "x")));
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("-env", "x")));
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("env", "a,b")));
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("env", "a=b")));
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("env", "*")));
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("env", "x".repeat(256))));
    assertThrows(OutpostException.class, () -> new NodeLabels(Map.of("k".repeat(64), "x")));
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= NodeLabels.MAX_LABELS; i++) {
      many.put("k" + i, "v");
    }
    assertThrows(OutpostException.class, () -> new NodeLabels(many));
  }

  @Test
  void aStaleTunnelCannotTakeTheNodeOffline() {
    Node node = new Node("c", new NodeName("edge-1"), new NodeLabels(Map.of()), "SHA256:x", NOW);
    UUID first = node.connected("proxy-a", "10.0.0.1", NOW);
    UUID second = node.connected("proxy-b", "10.0.0.2", NOW.plusSeconds(5));

    assertFalse(node.disconnected(first, NOW.plusSeconds(6)));
    assertTrue(node.isOnline());
    assertTrue(node.disconnected(second, NOW.plusSeconds(7)));
    assertFalse(node.isOnline());
    assertEquals(Optional.of(NOW.plusSeconds(7)), node.lastSeen());
  }

  @Test
  void requiresTheRegisteredHostKey() {
    Node node = new Node("c", new NodeName("edge-1"), new NodeLabels(Map.of()), "SHA256:x", NOW);

    node.requireHostKey("SHA256:x");
    assertThrows(OutpostException.class, () -> node.requireHostKey("SHA256:y"));
  }

  @Test
  void aLostLinkMakesTheNodeReconnectingUntilItComesBackOrGivesUp() {
    Node node = new Node("edge", new NodeName("n1"), new NodeLabels(Map.of()), "SHA256:x", NOW);
    UUID lost = node.connected("proxy-a", "192.0.2.1", NOW);

    assertTrue(node.linkLost(lost, NOW.plusSeconds(1)));
    assertTrue(node.isReconnecting());
    assertFalse(node.isOnline());

    UUID resumed = node.connected("proxy-a", "192.0.2.9", NOW.plusSeconds(2));
    assertFalse(node.isReconnecting());
    assertFalse(node.linkLost(lost, NOW.plusSeconds(3)), "the old tunnel no longer counts");

    assertTrue(node.linkLost(resumed, NOW.plusSeconds(4)));
    assertTrue(node.disconnected(resumed, NOW.plusSeconds(300)));
    assertFalse(node.isReconnecting());
    assertEquals(NOW.plusSeconds(4), node.lastSeen().orElseThrow(),
        "last seen when the link was lost, not when its sessions stopped waiting");
  }

  @Test
  void aSilentLinkWasLastSeenWhenItLastSentAFrame() {
    Node node = new Node("edge", new NodeName("n1"), new NodeLabels(Map.of()), "SHA256:x", NOW);
    UUID tunnel = node.connected("proxy-a", "192.0.2.1", NOW);
    node.seen(NOW.plusSeconds(30));
    node.seen(NOW.plusSeconds(20));
    assertEquals(NOW.plusSeconds(30), node.lastSeen().orElseThrow(), "last-seen never goes back");

    node.linkLost(tunnel, NOW.plusSeconds(42));
    assertEquals(NOW.plusSeconds(42), node.lastSeen().orElseThrow());
  }

  @Test
  void aTunnelClosedWhileUpWasSeenUntilItClosed() {
    Node node = new Node("edge", new NodeName("n1"), new NodeLabels(Map.of()), "SHA256:x", NOW);
    UUID tunnel = node.connected("proxy-a", "192.0.2.1", NOW);
    node.disconnected(tunnel, NOW.plusSeconds(9));
    assertEquals(NOW.plusSeconds(9), node.lastSeen().orElseThrow());
  }

  @Test
  void aProxyRestartEndsReconnectingToo() {
    Node node = new Node("edge", new NodeName("n1"), new NodeLabels(Map.of()), "SHA256:x", NOW);
    node.linkLost(node.connected("proxy-a", "192.0.2.1", NOW), NOW.plusSeconds(1));
    node.tunnelLostWith("proxy-a");
    assertFalse(node.isReconnecting());
  }

  @Test
  void aNodeIsStaleOnlyWhenOfflineSinceBeforeTheCutoff() {
    Node node = new Node("edge", new NodeName("n1"), new NodeLabels(Map.of()), "SHA256:x", NOW);
    assertFalse(node.isStaleAt(NOW.plusSeconds(3600)), "never seen: just joined");

    UUID tunnel = node.connected("proxy-a", "192.0.2.1", NOW);
    assertFalse(node.isStaleAt(NOW.plusSeconds(3600)), "online");
    node.linkLost(tunnel, NOW.plusSeconds(10));
    assertFalse(node.isStaleAt(NOW.plusSeconds(3600)), "reconnecting");
    node.disconnected(tunnel, NOW.plusSeconds(20));

    assertFalse(node.isStaleAt(NOW.plusSeconds(10)));
    assertTrue(node.isStaleAt(NOW.plusSeconds(11)), "offline since the link was lost");
  }
}
