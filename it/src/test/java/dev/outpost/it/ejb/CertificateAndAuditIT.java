package dev.outpost.it.ejb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.ClusterInfo;
import dev.outpost.api.InviteAcceptance;
import dev.outpost.api.JoinRequest;
import dev.outpost.api.LoginRequest;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.application.AccessService;
import dev.outpost.application.AuditLog;
import dev.outpost.application.AuthService;
import dev.outpost.application.CertificateAuthorityService;
import dev.outpost.application.ClusterService;
import dev.outpost.application.JoinService;
import dev.outpost.application.NodeRegistry;
import dev.outpost.application.TokenService;
import dev.outpost.application.TunnelAuthService;
import dev.outpost.application.UserService;
import dev.outpost.application.audit.RetentionSweep;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.SshKeys;
import dev.outpost.config.OutpostConfig;
import dev.outpost.config.OutpostConfig.Retention;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.node.LinkEvent;
import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CA and audit EJBs with JPA in the running server, and the paths through them that the web
 * layer drives: login and lockout, join tokens under concurrency, tunnel proofs, SSH sessions.
 */
@ExtendWith(ArquillianExtension.class)
class CertificateAndAuditIT {

  private static final String PASSWORD = "a long test passphrase";

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private ClusterService cluster;

  @EJB
  private AuditLog audit;

  @EJB
  private AuthService auth;

  @EJB
  private UserService userService;

  @EJB
  private TokenService tokens;

  @EJB
  private JoinService joins;

  @EJB
  private TunnelAuthService tunnels;

  @EJB
  private NodeRegistry registry;

  @EJB
  private AccessService access;

  @Resource
  private ManagedExecutorService executor;

  @Resource
  private UserTransaction transaction;

  @Inject
  private AuditRepository auditEvents;

  @Inject
  private RecordingRepository recordings;

  @Inject
  private RecordingStore recordingStore;

  @Inject
  private OutpostConfig config;

  @Deployment
  static WebArchive deployment() {
    return EjbTestDeployment.create("outpost-ejb-it", CertificateAndAuditIT.class);
  }

  @Test
  void issuesUserCertificatesSignedByTheClusterCa() throws Exception {
    CertificateAuthorities authorities = cas.authorities();
    KeyPair key = SshKeys.generateEd25519(new SecureRandom());
    Instant now = Instant.now();

    UserCertificatePermissions permissions =
        new UserCertificatePermissions(authorities.cluster(), List.of("access"), false, true);
    String line = authorities.issueUserCertificate(key.getPublic(), "it-alice",
        List.of("root", "ubuntu"), permissions, now, Duration.ofHours(1));

    OpenSshCertificate certificate =
        authorities.users().verify(CertificateProof.parseCertificate(line), now);
    assertEquals("it-alice", certificate.getId());
    assertEquals(List.of("root", "ubuntu"), List.copyOf(certificate.getPrincipals()));
    assertEquals(permissions, UserCertificatePermissions.of(certificate).orElseThrow());
    ClusterInfo info = cluster.info();
    assertEquals(authorities.cluster(), info.cluster());
    // the signing key first; keys a rotation retired (other suites rotate) follow, each marked
    assertEquals(authorities.users().publicKey(), info.userCaKeys().get(0));
    assertEquals(authorities.hosts().publicKey(), info.hostCaKeys().get(0));
    assertTrue(info.userCaKeys().stream().skip(1).allMatch(retired -> retired.contains(" trusted-until=")),
        info.userCaKeys().toString());
    assertTrue(info.hostCaKeys().stream().skip(1).allMatch(retired -> retired.contains(" trusted-until=")),
        info.hostCaKeys().toString());
    assertTrue(info.caPin().matches("sha256:[0-9a-f]{64}"), info.caPin());
  }

  @Test
  void recordsAuditEventsAndReadsThemBack() {
    Instant since = Instant.now().minusSeconds(1);
    UUID session = UUID.randomUUID();
    String actor = unique("it-auditor");

    audit.record(AuditRecord.success(AuditEventType.SESSION_START).actor(actor).node("edge-it")
        .login("ubuntu").sessionId(session).remoteAddr("192.0.2.10"));
    audit.record(AuditRecord.failure(AuditEventType.TOKEN_CREATE, "role admin is required")
        .actor(actor));

    List<AuditEvent> starts =
        audit.list(AuditQuery.since(since).ofType(AuditEventType.SESSION_START));
    AuditEvent start = only(starts, actor);
    assertEquals(cas.authorities().cluster(), start.cluster());
    assertEquals(session, start.record().sessionId());
    assertEquals("edge-it", start.record().node());
    assertEquals(Outcome.SUCCESS, start.record().outcome());
    assertTrue(!start.time().isBefore(since));
    assertEquals(2, mine(audit.list(AuditQuery.since(since)), actor).size());
  }

  @Test
  void failedLoginLeavesItsAuditEventDespiteTheRollback() {
    Instant since = Instant.now().minusSeconds(1);
    String user = unique("it-nobody");

    OutpostException error = assertThrows(OutpostException.class,
        () -> auth.login(login(user, "not the password"), "192.0.2.11"));

    assertEquals(OutpostException.Kind.UNAUTHENTICATED, error.kind());
    AuditEvent event =
        only(audit.list(AuditQuery.since(since).ofType(AuditEventType.USER_LOGIN_FAILURE)), user);
    assertEquals(Outcome.FAILURE, event.record().outcome());
    assertEquals("unknown user", event.record().message());
    assertEquals("192.0.2.11", event.record().remoteAddr());
  }

  @Test
  void failedLoginsAreCountedUntilLockout() {
    String user = createUser(unique("it-bob"));

    for (int i = 0; i < User.MAX_FAILED_LOGINS; i++) {
      assertEquals(OutpostException.Kind.UNAUTHENTICATED, assertThrows(OutpostException.class,
          () -> auth.login(login(user, "wrong password!"), null)).kind());
    }

    assertEquals(OutpostException.Kind.LOCKED, assertThrows(OutpostException.class,
        () -> auth.login(login(user, PASSWORD), null)).kind());
  }

  @Test
  void loginOpensASessionThatLogoutCloses() {
    String user = createUser(unique("it-carol"));

    String token = auth.login(login(user, PASSWORD), null).sessionToken();

    assertEquals(user, auth.authenticate(token).user());
    auth.logout(token);
    assertThrows(OutpostException.class, () -> auth.authenticate(token));
  }

  @Test
  void concurrentJoinsWithOneTokenLetExactlyOneIn() throws Exception {
    String token = tokens.create(admin(), new TokenRequest("node", "5m")).token();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> attempts = new ArrayList<>();
    for (String node : List.of(unique("it-a"), unique("it-b"))) {
      attempts.add(executor.submit(join(start, token, node)));
    }
    start.countDown();

    List<String> outcomes = new ArrayList<>();
    for (Future<String> attempt : attempts) {
      outcomes.add(attempt.get(60, TimeUnit.SECONDS));
    }

    assertEquals(1, outcomes.stream().filter("joined"::equals).count(), outcomes.toString());
    assertEquals(1, outcomes.stream()
        .filter("join token is invalid, expired or already used"::equals).count(),
        outcomes.toString());
  }

  @Test
  void joinedNodeAuthenticatesItsTunnelAndServesAnAuditedSession() throws Exception {
    String node = unique("it-edge");
    KeyPair hostKey = SshKeys.generateEd25519(new SecureRandom());
    String token = tokens.create(admin(), new TokenRequest("node", null)).token();
    String hostCertificate = joins.join(new JoinRequest(token, node, Map.of(),
        SshKeys.format(hostKey.getPublic())), "192.0.2.13").hostCertificate();
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    CertificateProof proof = CertificateProof.sign(hostKey, hostCertificate,
        CertificateProof.tunnelChallenge(nonce));
    byte[] credential = Json.createObjectBuilder()
        .add("certificate", proof.certificate())
        .add("signature", proof.signature())
        .build().toString().getBytes(StandardCharsets.UTF_8);

    assertEquals(node, tunnels.verifyAgent(nonce, credential, "192.0.2.13"));
    UUID tunnel = UUID.randomUUID();
    registry.apply(List.of(new LinkEvent.Online(node, tunnel, "192.0.2.13", Instant.now())));
    String user = createUser(unique("it-dave"));
    UserIdentity dave = auth.authenticate(auth.login(login(user, PASSWORD), null).sessionToken());
    Instant since = Instant.now().minusSeconds(1);
    UUID session = access.authorizeSsh(dave, "ubuntu", node + "." + cas.authorities().cluster(),
        "198.51.100.20");
    access.sessionEnded(session, 10, 20);
    registry.apply(List.of(new LinkEvent.Offline(node, tunnel, "test over", Instant.now())));

    assertEquals(OutpostException.Kind.UNAVAILABLE, assertThrows(OutpostException.class,
        () -> access.authorizeSsh(dave, "ubuntu", node, null)).kind());
    AuditEvent end = only(audit.list(AuditQuery.since(since).ofType(AuditEventType.SESSION_END)), user);
    assertEquals(session, end.record().sessionId());
    assertEquals(node, end.record().node());
    assertEquals("bytes in 10, out 20", end.record().message());
  }

  private Callable<String> join(CountDownLatch start, String token, String node) {
    return () -> {
      String key = SshKeys.format(SshKeys.generateEd25519(new SecureRandom()).getPublic());
      start.await();
      try {
        joins.join(new JoinRequest(token, node, Map.of("suite", "ejb"), key), "192.0.2.12");
        return "joined";
      } catch (OutpostException e) {
        return e.getMessage();
      }
    };
  }

  private String createUser(String name) {
    UserCreated created = userService.create(admin(),
        new UserRequest(name, List.of("access"), List.of("ubuntu")));
    userService.acceptInvite(created.inviteCode(), new InviteAcceptance(PASSWORD, null, null));
    return name;
  }

  private static UserIdentity admin() {
    return new UserIdentity("it-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);
  }

  private static LoginRequest login(String user, String password) {
    try {
      String key = SshKeys.format(SshKeys.generateEd25519(new SecureRandom()).getPublic());
      return new LoginRequest(user, password, null, key, null, "1h");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The retention sweep against the container's database and recording store, in a container
   * transaction; its clock is set in 2001 so that only this test's events from 2000 expire.
   */
  @Test
  void retentionDeletesExpiredEventsAndRecordingsAndAuditsIt() throws Exception {
    Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
    Clock clock = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
    Retention retention = new Retention(Duration.ofDays(300), Duration.ofDays(300));
    Instant cutoff = clock.instant().minus(retention.auditEvents());
    String actor = unique("it-expired");
    UUID recording = UUID.randomUUID();
    transaction.begin();
    auditEvents.add(new AuditEvent(AuditRecord.success(AuditEventType.USER_LOGIN).actor(actor),
        longAgo, config.clusterName()));
    auditEvents.add(new AuditEvent(AuditRecord.success(AuditEventType.USER_LOGOUT).actor(actor),
        cutoff.plusSeconds(1), config.clusterName()));
    recordings.add(new Recording(recording, config.clusterName(), "edge-it", null, actor, "root",
        longAgo));
    transaction.commit();
    recordingStore.append(recording, 0, "expired".getBytes(StandardCharsets.UTF_8));
    Instant sweptAt = Instant.now().minusSeconds(1);

    transaction.begin();
    RetentionSweep.Swept swept = new RetentionSweep(auditEvents, recordings, recordingStore,
        audit::record, config.clusterName(), retention, clock).sweep();
    transaction.commit();

    assertEquals(1, swept.auditEvents());
    assertEquals(1, swept.recordings());
    List<AuditEvent> left = audit.list(new AuditQuery(longAgo, null, actor, null, 0, 10));
    assertEquals(List.of(AuditEventType.USER_LOGOUT),
        left.stream().map(AuditEvent::type).toList(), "only the event within retention is left");
    assertTrue(recordings.find(recording).isEmpty());
    assertEquals(0, recordingStore.size(recording));
    assertTrue(audit.list(new AuditQuery(sweptAt, AuditEventType.RETENTION_DELETE, "outpost", null,
            0, AuditQuery.MAX_LIMIT)).stream()
        .anyMatch(event -> event.record().message().startsWith(
            "deleted 1 audit events before " + cutoff + " (retention PT7200H) and 1 recordings")),
        "the sweep audited what it deleted");
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<AuditEvent> mine(List<AuditEvent> events, String actor) {
    return events.stream().filter(e -> actor.equals(e.record().actor())).toList();
  }

  private static AuditEvent only(List<AuditEvent> events, String actor) {
    List<AuditEvent> mine = mine(events, actor);
    assertEquals(1, mine.size(), mine.toString());
    return mine.get(0);
  }
}
