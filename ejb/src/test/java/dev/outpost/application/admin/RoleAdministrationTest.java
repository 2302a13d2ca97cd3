package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.RoleView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleAdministrationTest {

  private static final String EDGE_OPS = """
      kind: role
      name: edge-ops
      allow:
        logins: [root]
        node_labels: {env: edge}
      options:
        max_session_ttl: 8h
      """;

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  private final RecordingAudit audit = new RecordingAudit();
  private final RoleAdministration administration = new RoleAdministration(roles, audit, clock);
  private final UserIdentity admin =
      new UserIdentity("root-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @Test
  void createsThenUpdatesAuditedWithTheAdminAsActor() {
    assertTrue(administration.apply(admin, EDGE_OPS).created());
    assertAudited(AuditEventType.ROLE_CREATE, Outcome.SUCCESS, "role edge-ops");

    assertFalse(administration.apply(admin, EDGE_OPS.replace("8h", "2h")).created());
    assertAudited(AuditEventType.ROLE_UPDATE, Outcome.SUCCESS, "role edge-ops");

    RoleView view = administration.list(admin).stream()
        .filter(role -> role.name().equals("edge-ops")).findFirst().orElseThrow();
    assertEquals(Map.of("logins", List.of("root"), "node_labels", Map.of("env", List.of("edge"))),
        view.allow());
    assertEquals(Map.of("max_session_ttl", "2h"), view.options());
    assertFalse(view.builtin());
  }

  @Test
  void invalidResourcesAreRefusedAndAudited() {
    OutpostException error = assertThrows(OutpostException.class,
        () -> administration.apply(admin, "kind: role\nname: x\nallow: {colour: red}\n"));

    assertEquals(OutpostException.Kind.BAD_REQUEST, error.kind());
    assertAudited(AuditEventType.ROLE_CREATE, Outcome.FAILURE, error.getMessage());
  }

  @Test
  void builtinRolesStayAndOnlyAdminsAdminister() {
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> administration.remove(admin, Role.ACCESS)).kind());
    assertAudited(AuditEventType.ROLE_DELETE, Outcome.FAILURE,
        "built-in role access cannot be removed");
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> administration.apply(admin, "kind: role\nname: admin\n")).kind());
    assertEquals(OutpostException.Kind.NOT_FOUND, assertThrows(OutpostException.class,
        () -> administration.remove(admin, "nothing")).kind());
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> administration.list(alice)).kind());

    administration.apply(admin, EDGE_OPS);
    administration.remove(admin, "edge-ops");
    assertTrue(roles.find("edge-ops").isEmpty());
    assertAudited(AuditEventType.ROLE_DELETE, Outcome.SUCCESS, "role edge-ops");
  }

  private void assertAudited(AuditEventType type, Outcome outcome, String message) {
    AuditRecord last = audit.last();
    assertEquals(type, last.type());
    assertEquals(outcome, last.outcome());
    assertEquals("root-admin", last.actor());
    assertEquals(message, last.message());
  }
}
