package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CaKeyView;
import dev.outpost.api.CaRotationRequest;
import dev.outpost.ca.CaStore;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.KeyVault;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaRotationTest {
  private static final UserIdentity ADMIN =
      new UserIdentity("root-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final RecordingAudit audit = new RecordingAudit();
  private CertificateAuthorities cas;
  private CaRotation rotation;

  @BeforeEach
  void open() throws Exception {
    CaStore store = new CaStore(dir, new KeyVault("passphrase".toCharArray(), new SecureRandom()),
        new SecureRandom());
    cas = store.openOrCreate("prod", clock.instant());
    rotation = new CaRotation(cas, store::rotate, audit, clock);
  }

  @Test
  void theOldKeyIsListedAsTrustedUntilTheGraceEndsThenDropped() {
    String old = cas.users().fingerprint();

    List<CaKeyView> keys = rotation.rotate(ADMIN, new CaRotationRequest("user", "30m"));

    assertNotEquals(old, cas.users().fingerprint());
    assertEquals(List.of("active", "trusted"), keys.stream().map(CaKeyView::status).toList());
    assertEquals(old, keys.get(1).fingerprint());
    assertEquals(clock.instant().plus(Duration.ofMinutes(30)), keys.get(1).trustedUntil());
    assertEquals(3, rotation.list(ADMIN).size(), "two user keys and the host key");
    clock.advance(Duration.ofMinutes(30));
    assertEquals(2, rotation.list(ADMIN).size());
  }

  @Test
  void theGraceDefaultsToTheLongestLogin() {
    List<CaKeyView> keys = rotation.rotate(ADMIN, new CaRotationRequest("host", null));

    assertEquals(clock.instant().plus(CaRotation.DEFAULT_GRACE), keys.get(1).trustedUntil());
    assertEquals("host", keys.get(1).type());
  }

  @Test
  void rotationsAreAuditedWithBothFingerprints() {
    String old = cas.hosts().fingerprint();

    rotation.rotate(ADMIN, new CaRotationRequest("host", "1h"));

    assertEquals(AuditEventType.CA_ROTATE, audit.last().type());
    assertEquals("host", audit.last().target());
    assertTrue(audit.last().message().contains(old), audit.last().message());
    assertTrue(audit.last().message().contains(cas.hosts().fingerprint()), audit.last().message());
  }

  @Test
  void onlyAdminsRotateAndOnlyUserOrHost() {
    UserIdentity alice = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);
    String old = cas.users().fingerprint();

    assertThrows(OutpostException.class,
        () -> rotation.rotate(alice, new CaRotationRequest("user", null)));
    assertThrows(OutpostException.class,
        () -> rotation.rotate(ADMIN, new CaRotationRequest("tls", null)));
    assertThrows(OutpostException.class,
        () -> rotation.rotate(ADMIN, new CaRotationRequest("user", "-5m")));

    assertEquals(old, cas.users().fingerprint());
    assertEquals(3, audit.count(AuditEventType.CA_ROTATE, Outcome.FAILURE));
  }
}
