package dev.outpost.domain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LinkEventTest {
  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

  @Test
  void onlineMarksTheNodeOnlineThroughThatTunnelAndIsAudited() {
    Node node = node();
    UUID tunnel = UUID.randomUUID();
    AuditRecord audited = new LinkEvent.Online("edge-1", tunnel, "192.0.2.7", NOW)
        .applyTo(node, "proxy-a").orElseThrow();
    assertTrue(node.isOnline());
    assertEquals(NOW, node.lastSeen().orElseThrow());
    assertEquals(AuditEventType.NODE_ONLINE, audited.type());
    assertEquals("192.0.2.7", audited.remoteAddr());
    assertEquals("tunnel " + tunnel + " via proxy-a", audited.message());
  }

  @Test
  void aLostTunnelLeavesTheNodeReconnectingLastSeenWhenHeardAndIsNotAudited() {
    Node node = node();
    UUID tunnel = UUID.randomUUID();
    new LinkEvent.Online("edge-1", tunnel, "192.0.2.7", NOW).applyTo(node, "proxy-a");
    assertTrue(new LinkEvent.Lost("edge-1", tunnel, NOW.plusSeconds(20)).applyTo(node, "proxy-a").isEmpty());
    assertFalse(node.isOnline());
    assertTrue(node.isReconnecting());
    assertEquals(NOW.plusSeconds(20), node.lastSeen().orElseThrow());
  }

  @Test
  void offlineIsAuditedOnlyForTheTunnelThatStillServesTheNode() {
    Node node = node();
    UUID old = UUID.randomUUID();
    UUID current = UUID.randomUUID();
    new LinkEvent.Online("edge-1", old, "192.0.2.7", NOW).applyTo(node, "proxy-a");
    new LinkEvent.Online("edge-1", current, "192.0.2.8", NOW.plusSeconds(1)).applyTo(node, "proxy-a");
    assertTrue(new LinkEvent.Offline("edge-1", old, "replaced", NOW.plusSeconds(2))
        .applyTo(node, "proxy-a").isEmpty(), "a replaced tunnel's close changes nothing");
    assertTrue(node.isOnline());
    AuditRecord audited = new LinkEvent.Offline("edge-1", current, "agent said goodbye", NOW.plusSeconds(3))
        .applyTo(node, "proxy-a").orElseThrow();
    assertFalse(node.isOnline());
    assertEquals(AuditEventType.NODE_OFFLINE, audited.type());
    assertEquals("tunnel " + current + " closed: agent said goodbye", audited.message());
  }

  private static Node node() {
    return new Node("c", new NodeName("edge-1"), new NodeLabels(Map.of()), "SHA256:x", NOW.minusSeconds(60));
  }
}
