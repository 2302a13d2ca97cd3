package dev.outpost.domain.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.RoleMapping;
import dev.outpost.domain.shared.OutpostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleMapTest {
  private final RoleMap map = RoleMap.of(List.of(
      new RoleMapping("edge-ops", List.of("access")),
      new RoleMapping("^admin-(.*)$", List.of("$1", "auditor"))));

  @Test
  void namedAndPatternRulesGiveLocalRoles() {
    assertEquals(Set.of("access"), map.map(List.of("edge-ops")));
    assertEquals(Set.of("access", "depot", "auditor"), map.map(List.of("edge-ops", "admin-depot")));
  }

  @Test
  void aRoleNoRuleNamesGetsNothing() {
    assertTrue(map.map(List.of("admin", "dev", "edge-ops2")).isEmpty());
  }

  @Test
  void aPatternMustMatchTheWholeRoleAndYieldARoleName() {
    RoleMap odd = RoleMap.of(List.of(new RoleMapping("^x(.*)$", List.of("$1"))));
    assertTrue(odd.map(List.of("x")).isEmpty(), "an empty group is no role");
    assertEquals(Set.of("ops"), odd.map(List.of("xops")));
  }

  @Test
  void storedFormReadsBack() {
    assertEquals(map.mappings(), RoleMap.parse(map.format()).mappings());
  }

  @Test
  void malformedRulesAreRefusedByName() {
    assertThrows(OutpostException.class, () -> RoleMap.of(List.of()));
    assertEquals("role map: '^(unclosed$' is not a valid regular expression: Unclosed group",
        assertThrows(OutpostException.class, () -> RoleMap.of(List.of(
            new RoleMapping("^(unclosed$", List.of("access"))))).getMessage());
    assertThrows(OutpostException.class,
        () -> RoleMap.of(List.of(new RoleMapping("ops", List.of("Bad Role")))));
    assertThrows(OutpostException.class,
        () -> RoleMap.of(List.of(new RoleMapping("ops\tx", List.of("access")))));
  }
}
