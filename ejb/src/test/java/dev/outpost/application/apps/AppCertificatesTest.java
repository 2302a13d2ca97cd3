package dev.outpost.application.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.X509CertificateAuthority;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryAppSessions;
import dev.outpost.testing.InMemoryLocks;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import dev.outpost.testing.TestCas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client certificates for scripts: issued only for allowed apps, accepted only from our CA. */
class AppCertificatesTest {
  private static final PublishedApp GRAFANA = new PublishedApp("grafana", "n1", Map.of("team", "ops"));
  private static final PublishedApp PLC = new PublishedApp("plc", "n1", Map.of("team", "plant"));

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final CertificateAuthorities cas = TestCas.create(clock.instant());
  private final InMemoryUsers users = new InMemoryUsers();
  private final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  private final RecordingAudit audit = new RecordingAudit();
  private final AppSessions sessions = new AppSessions((token, csrf) -> {
    throw new AssertionError("no console sessions here");
  }, new InMemoryAppSessions(), new RoleDirectory(roles), new InMemoryLocks(), audit, clock,
      new SecureRandom());
  private final AppCertificates certificates =
      new AppCertificates(() -> cas, users, sessions, audit, clock);

  private UserIdentity alice() {
    roles.add(new StoredRole("kind: role\nname: ops-apps\nallow:\n  app_labels: {team: ops}\n",
        clock.instant()));
    User user = new User(new UserName("alice"), Set.of("ops-apps"), List.of(), clock.instant());
    users.add(user);
    return user.identity(clock.instant().plus(Duration.ofHours(1)));
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String publicKey(KeyPair key) {
    return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
  }

  @Test
  void issuesForAllowedAppsAndAcceptsItsOwnCertificates() throws Exception {
    UserIdentity alice = alice();
    KeyPair key = X509CertificateAuthority.generateKeyPair(new SecureRandom());
    X509Certificate certificate = parse(certificates.issue(alice, GRAFANA, publicKey(key), null));

    assertEquals(alice.expires(), certificate.getNotAfter().toInstant());
    assertEquals(AuditEventType.APP_SESSION_START, audit.last().type());
    assertEquals("alice", certificates.authenticate(certificate, GRAFANA).identity().user());
    assertEquals(OutpostException.Kind.FORBIDDEN, assertThrows(OutpostException.class,
        () -> certificates.authenticate(certificate, PLC)).kind());
    assertThrows(OutpostException.class,
        () -> certificates.issue(alice, PLC, publicKey(key), null));
    assertEquals(AuditEventType.ACCESS_DENIED, audit.last().type());

    clock.advance(Duration.ofHours(2));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, assertThrows(OutpostException.class,
        () -> certificates.authenticate(certificate, GRAFANA)).kind());
  }

  @Test
  void refusesCertificatesOfAnotherCa() throws Exception {
    alice();
    KeyPair key = X509CertificateAuthority.generateKeyPair(new SecureRandom());
    X509Certificate foreign = TestCas.create(clock.instant()).tls()
        .issueClient(key.getPublic(), "alice", TestCas.CLUSTER, clock.instant(), Duration.ofHours(1));
    OutpostException refused = assertThrows(OutpostException.class,
        () -> certificates.authenticate(foreign, GRAFANA));
    assertEquals("the client certificate is not signed by this cluster's CA", refused.getMessage());
  }
}
