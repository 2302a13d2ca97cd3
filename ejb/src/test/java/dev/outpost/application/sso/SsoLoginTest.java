package dev.outpost.application.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.sso.ConnectorYaml;
import dev.outpost.domain.sso.OidcConnector;
import dev.outpost.domain.sso.SsoClaims;
import dev.outpost.domain.sso.SsoPurpose;
import dev.outpost.domain.sso.SsoRequest;
import dev.outpost.domain.sso.StoredConnector;
import dev.outpost.domain.user.User;
import dev.outpost.domain.user.UserName;
import dev.outpost.testing.InMemoryConnectors;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemorySsoRequests;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in around the provider: states used once, redirect URLs from the allowlist, roles from
 * the mapping at every sign-in, refusal without a mapped role. The provider is a stand-in that
 * answers with the claims a test sets; the real one is driven by the Keycloak end-to-end test.
 */
class SsoLoginTest {

  static final URI CALLBACK = URI.create("https://proxy.example.com/api/v1/console/sso/callback");
  static final String CONNECTOR = """
      kind: oidc
      name: keycloak
      display: Keycloak
      issuer_url: https://keycloak.example.com/realms/edge
      client_id: outpost
      client_secret: s3cret
      redirect_url: [%s, http://127.0.0.1/callback]
      claims_to_roles:
        - {claim: groups, value: field-techs, roles: [access]}
        - {claim: groups, value: edge-admins, roles: [admin, access]}
        - {claim: groups, value: ghosts, roles: [no-such-role]}
        - {claim: groups, value: operators, roles: [shared-login]}
      traits: {logins: unix_logins, shared: shared_logins}
      """.formatted(CALLBACK);

  final MutableClock clock = MutableClock.atSomeFixedTime();
  final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  final InMemoryUsers users = new InMemoryUsers();
  final InMemorySsoRequests requests = new InMemorySsoRequests();
  final List<String> redeemed = new ArrayList<>();
  Map<String, Object> claims;
  Optional<Instant> providerSessionEnds = Optional.empty();
  boolean deviceApproved;
  SsoLogin login;

  @BeforeEach
  void setUp() {
    InMemoryConnectors connectors = new InMemoryConnectors();
    connectors.add(new StoredConnector(CONNECTOR, "sealed:s3cret", clock.instant()));
    login = new SsoLogin(connectors, new SignInRequests(requests, clock, new SecureRandom()),
        users, new RoleDirectory(roles), StandIn::new,
        sealed -> sealed.substring("sealed:".length()), CALLBACK, clock);
    claims = Map.of("preferred_username", "alice", "groups", List.of("field-techs"),
        "unix_logins", List.of("alice", "ubuntu"));
  }

  @Test
  void signsInWithTheMappedRolesAndTraits() {
    SignInStart start = login.begin("keycloak", SsoPurpose.CONSOLE, null);
    assertTrue(start.authorizationUrl().toString().contains("state=" + start.state()));
    SignedIn signedIn = login.complete(requests(start, SsoPurpose.CONSOLE), "code-1");
    User alice = signedIn.user();
    assertEquals(Optional.of("keycloak"), alice.ssoConnector());
    assertEquals(Set.of("access"), alice.roles());
    assertEquals(List.of("alice", "ubuntu"), alice.logins());
    assertEquals(Map.of("logins", List.of("alice", "ubuntu")), alice.traits());
    assertTrue(alice.passwordHash().isEmpty(), "SSO users have no password");
    assertEquals(List.of("code-1 " + CALLBACK + " s3cret"), redeemed);
  }

  @Test
  void rolesGrantLoginsFromExternalTraitsAtEveryDecision() {
    roles.add(new StoredRole("""
        kind: role
        name: shared-login
        allow:
          logins: ['{{external.shared}}']
          node_labels: {'*': '*'}
        """, clock.instant()));
    claims = Map.of("preferred_username", "bob", "groups", List.of("operators"),
        "shared_logins", List.of("ops", "root;reboot"));
    SignedIn signedIn = signedIn();

    assertEquals(List.of("ops"), signedIn.roles().logins(), "an invalid login is dropped");
    assertEquals(List.of("ops"), new RoleDirectory(roles).resolve(signedIn.user()).logins());
    assertTrue(new RoleDirectory(roles).resolve(signedIn.user().identity(clock.instant()))
        .ssh("ops", "n1", Map.of()).allowed());
  }

  @Test
  void offersTheProviderLogoutOfAnExistingConnectorOnly() {
    URI back = URI.create("https://proxy.example.com/");
    assertEquals(Optional.of(URI.create("https://keycloak.example.com/logout?back=" + back)),
        login.logoutUrl("keycloak", back));
    assertEquals(Optional.empty(), login.logoutUrl("removed", back));
  }

  @Test
  void aLostGroupIsALostRoleAtTheNextSignIn() {
    claims = Map.of("preferred_username", "alice", "groups", List.of("edge-admins"));
    assertEquals(Set.of("admin", "access"), signIn().roles());
    claims = Map.of("preferred_username", "alice", "groups", List.of("field-techs"));
    assertEquals(Set.of("access"), signIn().roles());
    assertEquals(1, users.count());
  }

  @Test
  void aUserInNoMappedGroupIsRefusedAndToldSo() {
    for (List<String> groups : List.<List<String>>of(List.of("visitors"), List.of("ghosts"),
        List.of())) {
      claims = Map.of("preferred_username", "bob", "groups", groups);
      SsoRefusal refusal = assertThrows(SsoRefusal.class, this::signIn);
      assertEquals("you have no Outpost role: none of your Keycloak groups maps to one; ask an "
          + "admin", refusal.userMessage());
    }
    assertEquals(0, users.count());
  }

  @Test
  void aReplayedStateIsRefused() {
    SignInStart start = login.begin("keycloak", SsoPurpose.CONSOLE, null);
    login.complete(requests(start, SsoPurpose.CONSOLE), "code-1");
    SsoRefusal replay = assertThrows(SsoRefusal.class,
        () -> requests(start, SsoPurpose.CONSOLE));
    assertEquals("state used before (replayed)", replay.reason());
    assertEquals(SignInRequests.STALE, replay.userMessage());
  }

  @Test
  void anUnknownExpiredOrForeignStateIsRefused() {
    assertEquals("unknown state", assertThrows(SsoRefusal.class,
        () -> requests(new SignInStart(CALLBACK, "0".repeat(64)), SsoPurpose.CONSOLE)).reason());
    SignInStart cli = login.begin("keycloak", SsoPurpose.CLI,
        URI.create("http://127.0.0.1:49152/callback"));
    assertTrue(assertThrows(SsoRefusal.class, () -> requests(cli, SsoPurpose.CONSOLE)).reason()
        .startsWith("state of a CLI sign-in"));
    SignInStart late = login.begin("keycloak", SsoPurpose.CONSOLE, null);
    clock.advance(SsoRequest.LIFETIME);
    assertEquals("state expired", assertThrows(SsoRefusal.class,
        () -> requests(late, SsoPurpose.CONSOLE)).reason());
  }

  @Test
  void aRedirectOffTheAllowlistIsRefusedBeforeTheProviderIsAsked() {
    SsoRefusal refusal = assertThrows(SsoRefusal.class, () -> login.begin("keycloak",
        SsoPurpose.CONSOLE, URI.create("https://evil.example.com/api/v1/console/sso/callback")));
    assertEquals("redirect URL https://evil.example.com/api/v1/console/sso/callback is not "
        + "allowed for Keycloak", refusal.userMessage());
    assertTrue(refusal.reason().contains("not on the allowlist of connector keycloak"));
  }

  @Test
  void aLocalUserIsNeverTakenOver() {
    users.add(new User(new UserName("alice"), Set.of("admin"), List.of("root"),
        clock.instant()));
    SsoRefusal refusal = assertThrows(SsoRefusal.class, this::signIn);
    assertEquals("user alice exists here already; ask an admin", refusal.userMessage());
    assertEquals(Set.of("admin"), users.findByName("alice").orElseThrow().roles());
  }

  @Test
  void anInvalidLoginClaimIsRefusedWithTheReason() {
    claims = Map.of("preferred_username", "alice", "groups", List.of("field-techs"),
        "unix_logins", List.of("Root; rm -rf"));
    SsoRefusal refusal = assertThrows(SsoRefusal.class, this::signIn);
    assertTrue(refusal.userMessage().startsWith("login 'Root; rm -rf' is invalid"),
        refusal.userMessage());
  }

  @Test
  void certificatesLiveNoLongerThanTheRolesAllowAndTheProviderSession() {
    assertEquals(Duration.ofHours(2), signedIn().certificateTtl(Duration.ofHours(2),
        Duration.ofSeconds(5), clock.instant()));
    providerSessionEnds = Optional.of(clock.instant().plus(Duration.ofMinutes(30).plusSeconds(1)));
    assertEquals(Duration.ofMinutes(30), signedIn().certificateTtl(Duration.ofHours(12),
        Duration.ofSeconds(5), clock.instant()), "one second went by in signedIn()");
    providerSessionEnds = Optional.of(clock.instant().plus(Duration.ofSeconds(3)));
    SignedIn ending = signedIn();
    assertEquals("your session at Keycloak ends too soon: sign in there again",
        assertThrows(SsoRefusal.class, () -> ending.certificateTtl(Duration.ofHours(1),
            Duration.ofSeconds(5), clock.instant())).userMessage());
  }

  @Test
  void aDeviceSignInIsPendingUntilApprovedThenSpent() {
    DeviceSignIn started = login.beginDevice("keycloak");
    assertEquals("ABCD-EFGH", started.device().userCode());
    assertEquals(Optional.empty(), login.pollDevice(started.handle()));
    deviceApproved = true;
    assertEquals(Set.of("access"), login.pollDevice(started.handle()).orElseThrow().user()
        .roles());
    assertEquals(List.of("device-code-1 s3cret", "device-code-1 s3cret"), redeemed);
    assertEquals("state used before (replayed)", assertThrows(SsoRefusal.class,
        () -> login.pollDevice(started.handle())).reason());
  }

  @Test
  void aDeviceHandleLivesAtMostTenMinutesAndOnlyForDevices() {
    DeviceSignIn started = login.beginDevice("keycloak");
    clock.advance(SsoRequest.LIFETIME);
    assertEquals("state expired", assertThrows(SsoRefusal.class,
        () -> login.pollDevice(started.handle())).reason());
    SignInStart console = login.begin("keycloak", SsoPurpose.CONSOLE, null);
    assertTrue(assertThrows(SsoRefusal.class, () -> login.pollDevice(console.state())).reason()
        .startsWith("state of a CONSOLE sign-in"));
  }

  @Test
  void anUnknownConnectorIsNotFound() {
    assertThrows(dev.outpost.domain.shared.OutpostException.class,
        () -> login.begin("okta", SsoPurpose.CONSOLE, null));
    assertFalse(login.connectors().isEmpty());
  }

  private User signIn() {
    return signedIn().user();
  }

  private SignedIn signedIn() {
    clock.advance(Duration.ofSeconds(1));
    SignInStart start = login.begin("keycloak", SsoPurpose.CONSOLE, null);
    return login.complete(requests(start, SsoPurpose.CONSOLE), "code");
  }

  private PendingSignIn requests(SignInStart start, SsoPurpose purpose) {
    return new SignInRequests(requests, clock, new SecureRandom()).take(start.state(), purpose);
  }

  /** Answers every code with the test's claims, after checking what a real provider checks. */
  private final class StandIn implements IdentityProvider {
    private final OidcConnector connector;

    StandIn(OidcConnector connector) {
      this.connector = connector;
    }

    @Override
    public OidcConnector connector() {
      return connector;
    }

    @Override
    public URI authorizationUrl(String state, String nonce, String verifier, URI redirectUri) {
      return URI.create("https://keycloak.example.com/auth?state=" + state);
    }

    @Override
    public VerifiedIdentity redeem(String code, URI redirectUri, String verifier, String nonce,
        String clientSecret) {
      redeemed.add(code + " " + redirectUri + " " + clientSecret);
      return new VerifiedIdentity(new SsoClaims(claims), providerSessionEnds);
    }

    @Override
    public DeviceAuthorization startDevice(String clientSecret) {
      return new DeviceAuthorization("device-code-1", "ABCD-EFGH",
          URI.create("https://keycloak.example.com/device"), Optional.empty(),
          Duration.ofSeconds(5), Duration.ofMinutes(30));
    }

    @Override
    public Optional<VerifiedIdentity> pollDevice(String deviceCode, String clientSecret) {
      redeemed.add(deviceCode + " " + clientSecret);
      return deviceApproved
          ? Optional.of(new VerifiedIdentity(new SsoClaims(claims), providerSessionEnds))
          : Optional.empty();
    }

    @Override
    public Optional<URI> logoutUrl(URI afterLogout) {
      return Optional.of(URI.create("https://keycloak.example.com/logout?back=" + afterLogout));
    }
  }
}
