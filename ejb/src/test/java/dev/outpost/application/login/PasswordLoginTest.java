package dev.outpost.application.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.ca.CertificateAuthorities;
import dev.outpost.ca.X509CertificateAuthority;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.Base32;
import dev.outpost.domain.user.CredentialCheck;
import dev.outpost.domain.user.FastPasswordHasher;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.Totp;
import dev.outpost.domain.user.TotpSecret;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemorySessions;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.Keys;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import dev.outpost.testing.TestCas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordLoginTest {

  private static final String PASSWORD = "correct horse battery";

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final SecureRandom random = new SecureRandom();
  private final InMemoryUsers users = new InMemoryUsers();
  private final InMemorySessions sessions = new InMemorySessions();
  private final RecordingAudit audit = new RecordingAudit();
  private final CertificateAuthorities cas = TestCas.create(clock.instant());
  private final PasswordHasher hasher = FastPasswordHasher.create();
  private final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  private final PasswordAuthentication authentication = new PasswordAuthentication(users,
      new CredentialCheck(hasher, Totp.STANDARD),
      userId -> users.findForUpdate(userId).orElseThrow().loginFailed(clock.instant()), audit);
  private final PasswordLogin login = login(false);
  private final BearerSessions bearer = new BearerSessions(sessions, audit, clock);

  @BeforeEach
  void createAlice() {
    User alice = new User(new UserName("alice"), Set.of(Role.ACCESS), List.of("root", "ubuntu"),
        clock.instant());
    alice.changePassword(hasher.hash(PASSWORD));
    users.add(alice);
  }

  @Test
  void issuesSessionAndCertificates() throws Exception {
    String tlsKey = Base64.getEncoder().encodeToString(
        X509CertificateAuthority.generateKeyPair(random).getPublic().getEncoded());

    LoginResponse response = login.login(command(PASSWORD, tlsKey, "8h"), "192.0.2.7");

    assertEquals("alice", response.user());
    assertEquals(TestCas.CLUSTER, response.cluster());
    assertEquals(List.of("access"), response.roles());
    assertEquals(List.of("root", "ubuntu"), response.logins());
    assertEquals(clock.instant().plus(Duration.ofHours(8)), response.expires());
    OpenSshCertificate ssh = cas.users().verify(
        CertificateProof.parseCertificate(response.sshCertificate()), clock.instant());
    assertEquals("alice", ssh.getId());
    assertEquals(List.of("root", "ubuntu"), List.copyOf(ssh.getPrincipals()));
    assertEquals(response.expires().getEpochSecond(), ssh.getValidBefore());
    X509Certificate tls = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(
            response.tlsCertificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertEquals("CN=alice,O=" + TestCas.CLUSTER, tls.getSubjectX500Principal().getName());
    assertEquals(List.of(cas.hosts().publicKey()), response.hostCaKeys());
    assertEquals(Outcome.SUCCESS, audit.last().outcome());

    UserIdentity identity = bearer.authenticate(response.sessionToken());
    assertEquals("alice", identity.user());
    assertEquals(response.expires(), identity.expires());
  }

  @Test
  void capsTheLifetimeAt12Hours() {
    LoginResponse response = login.login(command(PASSWORD, null, "24h"), null);

    assertEquals(clock.instant().plus(Duration.ofHours(12)), response.expires());
    assertNull(response.tlsCertificatePem());
  }

  @Test
  void rolesCapTheLifetimeAndSetPrincipalsAndExtensions() throws Exception {
    roles.add(new StoredRole("""
        kind: role
        name: edge-ops
        allow:
          logins: [ubuntu, pi]
          node_labels: {env: edge}
        deny:
          logins: [root]
        options:
          max_session_ttl: 2h
          port_forwarding: true
        """, clock.instant()));
    User bob = new User(new UserName("bob"), Set.of("edge-ops", Role.ACCESS), List.of("root"),
        clock.instant());
    bob.changePassword(hasher.hash(PASSWORD));
    users.add(bob);

    LoginResponse response = login.login(LoginCommand.from(new LoginRequest("bob", PASSWORD, null,
        Keys.line(Keys.ed25519()), null, "8h")), null);

    assertEquals(clock.instant().plus(Duration.ofHours(2)), response.expires());
    assertEquals(List.of("access", "edge-ops"), response.roles());
    assertEquals(List.of("pi", "ubuntu"), response.logins());
    OpenSshCertificate ssh = cas.users().verify(
        CertificateProof.parseCertificate(response.sshCertificate()), clock.instant());
    assertEquals(List.of("pi", "ubuntu"), List.copyOf(ssh.getPrincipals()));
    // edge-ops grants port forwarding and access has no say; access grants file copy
    assertEquals(new UserCertificatePermissions(TestCas.CLUSTER, List.of("access", "edge-ops"),
        true, true), UserCertificatePermissions.of(ssh).orElseThrow());
  }

  @Test
  void aRoleThatRequiresMfaRefusesUsersWithoutIt() {
    roles.add(new StoredRole("kind: role\nname: strict\noptions:\n  require_mfa: true\n",
        clock.instant()));
    User carol = new User(new UserName("carol"), Set.of("strict"), List.of(), clock.instant());
    carol.changePassword(hasher.hash(PASSWORD));
    users.add(carol);

    OutpostException error = assertThrows(OutpostException.class, () -> login.login(
        LoginCommand.from(new LoginRequest("carol", PASSWORD, null, Keys.line(Keys.ed25519()),
            null, null)), null));

    assertEquals(OutpostException.Kind.FORBIDDEN, error.kind());
    assertEquals(PasswordCheck.MFA_REQUIRED, error.getMessage());
    assertEquals("second factor required by a role but not enrolled", audit.last().message());
  }

  @Test
  void theClusterSettingRequiresMfaOfEveryone() {
    OutpostException error = assertThrows(OutpostException.class,
        () -> login(true).login(command(PASSWORD, null, null), null));

    assertEquals(OutpostException.Kind.FORBIDDEN, error.kind());
    assertEquals("second factor required by the cluster but not enrolled",
        audit.last().message());
  }

  @Test
  void enrolledUsersLogInWithACodeThatWorksOnce() {
    byte[] secret = Base32.decode(enrollAlice());
    long step = Totp.STANDARD.step(clock.instant());
    String code = Totp.STANDARD.code(secret, step);

    OutpostException missing = assertThrows(OutpostException.class,
        () -> login(true).login(command(PASSWORD, null, null), null));
    assertEquals(PasswordAuthentication.CODE_MISSING, missing.getMessage());
    assertEquals(0, users.findByName("alice").orElseThrow().failedLogins(),
        "a missing code after the right password is not a failure");

    assertNotNull(login(true).login(totpCommand(code), null).sessionToken());

    OutpostException replay = assertThrows(OutpostException.class,
        () -> login(true).login(totpCommand(code), null));
    assertEquals(PasswordAuthentication.REJECTED, replay.getMessage());
    OutpostException wrong = assertThrows(OutpostException.class,
        () -> login(true).login(totpCommand(Totp.STANDARD.code(secret, step + 7)), null));
    assertEquals(OutpostException.Kind.UNAUTHENTICATED, wrong.kind());
    assertEquals(2, users.findByName("alice").orElseThrow().failedLogins());

    clock.advance(Duration.ofSeconds(30));
    assertNotNull(login(true).login(totpCommand(Totp.STANDARD.code(secret, step + 1)), null)
        .sessionToken());
  }

  @Test
  void aLoginTheProxyCannotCheckIsRefusedAndAudited() {
    users.goAway(new IllegalStateException("Connection refused"));

    OutpostException error = assertThrows(OutpostException.class,
        () -> login.login(command(PASSWORD, null, null), "192.0.2.7"));

    assertEquals(OutpostException.Kind.UNAVAILABLE, error.kind());
    assertEquals(PasswordLogin.UNCHECKED + ": try again later", error.getMessage());
    assertEquals(AuditEventType.USER_LOGIN_FAILURE, audit.last().type());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertEquals("alice", audit.last().actor());
    assertEquals("192.0.2.7", audit.last().remoteAddr());
    assertEquals(PasswordLogin.UNCHECKED + " (IllegalStateException: Connection refused)",
        audit.last().message());
  }

  @Test
  void wrongPasswordIsCountedAndAudited() {
    OutpostException error = assertThrows(OutpostException.class,
        () -> login.login(command("wrong password!", null, null), "192.0.2.7"));

    assertEquals(OutpostException.Kind.UNAUTHENTICATED, error.kind());
    assertEquals(PasswordAuthentication.REJECTED, error.getMessage());
    assertEquals(1, users.findByName("alice").orElseThrow().failedLogins());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertEquals(AuditEventType.USER_LOGIN_FAILURE, audit.last().type());
    assertEquals("wrong password or one-time code, or a code used before",
        audit.last().message());
    assertEquals("192.0.2.7", audit.last().remoteAddr());
  }

  @Test
  void unknownUsersGetTheSameAnswer() {
    LoginCommand command = LoginCommand.from(new LoginRequest("mallory", PASSWORD, null,
        Keys.line(Keys.ed25519()), null, null));

    assertEquals(PasswordAuthentication.REJECTED,
        assertThrows(OutpostException.class, () -> login.login(command, null)).getMessage());
    assertEquals("unknown user", audit.last().message());
  }

  @Test
  void locksOutAfterFiveFailures() {
    for (int i = 0; i < User.MAX_FAILED_LOGINS; i++) {
      assertThrows(OutpostException.class, () -> login.login(command("nope nope nope", null,
          null), null));
    }

    OutpostException locked = assertThrows(OutpostException.class,
        () -> login.login(command(PASSWORD, null, null), null));
    assertEquals(OutpostException.Kind.LOCKED, locked.kind());
    assertEquals("account locked", audit.last().message());

    clock.advance(User.LOCKOUT);
    assertNotNull(login.login(command(PASSWORD, null, null), null).sessionToken());
  }

  @Test
  void logoutAndExpiryEndTheSession() {
    String first = login.login(command(PASSWORD, null, "1h"), null).sessionToken();
    String second = login.login(command(PASSWORD, null, "2h"), null).sessionToken();

    bearer.logout(first);
    assertEquals(BearerSessions.INVALID,
        assertThrows(OutpostException.class, () -> bearer.authenticate(first)).getMessage());
    assertEquals(AuditEventType.USER_LOGOUT, audit.last().type());

    clock.advance(Duration.ofHours(2));
    assertThrows(OutpostException.class, () -> bearer.authenticate(second));
    assertThrows(OutpostException.class, () -> bearer.authenticate(null));
  }

  @Test
  void malformedRequestsAreBadRequests() {
    String key = Keys.line(Keys.ed25519());
    for (LoginRequest request : List.of(
        new LoginRequest(null, PASSWORD, null, key, null, null),
        new LoginRequest("alice", PASSWORD, null, "not a key", null, null),
        new LoginRequest("alice", PASSWORD, null, key, "bm90IGEga2V5", null),
        new LoginRequest("alice", PASSWORD, null, key, null, "4s"),
        new LoginRequest("alice", PASSWORD, null, key, null, "forever"))) {
      assertEquals(OutpostException.Kind.BAD_REQUEST,
          assertThrows(OutpostException.class, () -> LoginCommand.from(request)).kind());
    }
  }

  private PasswordLogin login(boolean clusterRequiresMfa) {
    RoleDirectory roleDirectory = new RoleDirectory(roles);
    return new PasswordLogin(
        new PasswordCheck(authentication, roleDirectory, clusterRequiresMfa),
        roleDirectory, new SessionCertificates(sessions, cas, random), audit, clock);
  }

  /** Gives alice a TOTP secret, confirmed two steps ago; returns it in base32. */
  private String enrollAlice() {
    TotpSecret secret = TotpSecret.generate(random);
    users.findByName("alice").orElseThrow()
        .enrollTotp(secret, Totp.STANDARD.step(clock.instant()) - 2);
    return secret.base32();
  }

  private LoginCommand totpCommand(String code) {
    return LoginCommand.from(new LoginRequest("alice", PASSWORD, code, Keys.line(Keys.ed25519()),
        null, null));
  }

  private LoginCommand command(String password, String tlsKey, String ttl) {
    return LoginCommand.from(new LoginRequest("alice", password, null, Keys.line(Keys.ed25519()),
        tlsKey, ttl));
  }
}
