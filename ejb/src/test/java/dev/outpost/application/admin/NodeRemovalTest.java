package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.InMemoryNodes;
import dev.outpost.testing.RecordingAudit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeRemovalTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final InMemoryNodes nodes = new InMemoryNodes();
  private final RecordingAudit audit = new RecordingAudit();
  private final NodeRemoval removal = new NodeRemoval(nodes, "edge", audit);
  private final UserIdentity admin =
      new UserIdentity("root-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @Test
  void anOfflineNodeIsRemovedAndTheRemovalAudited() {
    Node node = node("n1");
    node.disconnected(node.connected("proxy-a", "192.0.2.1", NOW), NOW.plusSeconds(5));

    removal.remove(admin, "n1");

    assertTrue(nodes.find("edge", "n1").isEmpty());
    assertEquals(AuditEventType.NODE_DELETE, audit.last().type());
    assertEquals("root-admin", audit.last().actor());
    assertEquals("node n1 removed (last seen 2026-03-01T10:00:05Z); it must join again",
        audit.last().message());
  }

  @Test
  void refusesOnlineAndReconnectingNodesUnknownNodesAndNonAdmins() {
    Node online = node("n1");
    online.connected("proxy-a", "192.0.2.1", NOW);
    Node reconnecting = node("n2");
    UUID tunnel = reconnecting.connected("proxy-a", "192.0.2.2", NOW);
    reconnecting.linkLost(tunnel, NOW.plusSeconds(1));
    node("n3");

    assertEquals("node n1 is online: stop its agent first, or lock it with "
        + "'outpost admin lock --node=n1'", refused(admin, "n1").getMessage());
    assertEquals(OutpostException.Kind.CONFLICT, refused(admin, "n2").kind());
    assertEquals(OutpostException.Kind.NOT_FOUND, refused(admin, "n9").kind());
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    assertEquals("role admin is required", refused(alice, "n3").getMessage());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertEquals(3, nodes.list("edge").size());
  }

  private OutpostException refused(UserIdentity who, String name) {
    return assertThrows(OutpostException.class, () -> removal.remove(who, name));
  }

  private Node node(String name) {
    Node node = new Node("edge", new NodeName(name), new NodeLabels(Map.of()), "SHA256:x", NOW);
    nodes.add(node);
    return node;
  }
}
