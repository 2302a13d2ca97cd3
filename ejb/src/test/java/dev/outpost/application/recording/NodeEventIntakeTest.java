package dev.outpost.application.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.NodeEvent;
import dev.outpost.api.NodeEvents;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.shared.OutpostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Node events are kept once per id, about the authenticated node only. */
class NodeEventIntakeTest {
  private final Map<UUID, AuditRecord> kept = new LinkedHashMap<>();
  private final NodeEventIntake intake = new NodeEventIntake(
      (proof, subject, timestamp) -> proof.certificate(),
      (id, record, time) -> kept.putIfAbsent(id, record) == null);

  @Test
  void keepsEachEventOnceHoweverOftenDelivered() {
    NodeEvent exec = event("exec", "uname -a");
    assertEquals(1, intake.accept(batch("edge-1", exec)));
    assertEquals(0, intake.accept(batch("edge-1", exec)));

    AuditRecord record = kept.get(exec.id());
    assertEquals(AuditEventType.EXEC, record.type());
    assertEquals("edge-1", record.node());
    assertEquals("uname -a", record.target());
    assertEquals("alice", record.actor());
  }

  @Test
  void theNodeIsTheAuthenticatedOneNotAClaim() {
    intake.accept(batch("edge-2", event("scp", "scp -t /tmp/x")));
    assertEquals("edge-2", kept.values().iterator().next().node());
  }

  @Test
  void refusesEventsANodeCannotReport() {
    OutpostException error = assertThrows(OutpostException.class,
        () -> intake.accept(batch("edge-1", event("user.create", "mallory"))));
    assertTrue(error.getMessage().contains("cannot report 'user.create'"), error.getMessage());
    assertThrows(OutpostException.class,
        () -> intake.accept(batch("edge-1", event("no.such.type", "x"))));
    assertTrue(kept.isEmpty());
  }

  private static NodeEvent event(String type, String target) {
    return new NodeEvent(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"), type,
        UUID.randomUUID(), "alice", "root", target, "SUCCESS", "exit status 0");
  }

  private static NodeEvents batch(String node, NodeEvent... events) {
    return new NodeEvents(new CertificateProof(node, "unchecked here"), 0, List.of(events));
  }
}
