package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.user.FastPasswordHasher;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.User;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {

  private final InMemoryUsers users = new InMemoryUsers();
  private final RecordingAudit audit = new RecordingAudit();
  private final PasswordHasher hasher = FastPasswordHasher.create();
  private final AdminBootstrap bootstrap =
      new AdminBootstrap(users, hasher, audit, MutableClock.atSomeFixedTime());

  @Test
  void createsTheAdminOnlyWhenThereIsNoUser() {
    assertTrue(bootstrap.createIfNoUser(List.of("root"), () -> "generated secret"));
    assertFalse(bootstrap.createIfNoUser(List.of("root"), () -> {
      throw new AssertionError("no password is needed when the admin exists");
    }));

    User admin = users.findByName("admin").orElseThrow();
    assertEquals(Set.of(Role.ADMIN, Role.ACCESS), admin.roles());
    assertEquals(List.of("root"), admin.logins());
    assertTrue(hasher.verify("generated secret", admin.passwordHash().orElseThrow()));
    assertEquals(AuditEventType.USER_CREATE, audit.last().type());
    assertFalse(audit.last().message().contains("generated secret"));
  }
}
