package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.UserCaKeys;
import dev.outpost.api.TrustedCaKeys;
import dev.outpost.api.UserCertificatePermissions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.outpost.tunnel.StreamTarget;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule on its own, at a fixed instant. */
class UserCertificateAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static KeyPair userCa;
  private static KeyPair userKey;
  private static UserCertificateAuthenticator authenticator;

  @BeforeAll
  static void setUp() throws Exception {
    userCa = Fixtures.ed25519();
    userKey = Fixtures.ed25519();
    UserCaKeys trusted = UserCaKeys.parse(List.of(Fixtures.line(userCa.getPublic())));
    authenticator = new UserCertificateAuthenticator(() -> trusted, "test",
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static OpenSshCertificate certificate(KeyPair ca, List<String> logins, Instant from, Instant to, Map<String, String> critical)
      throws Exception {
    return Fixtures.userCertificate(ca, userKey, logins, from, to, critical);
  }

  private static OpenSshCertificate valid(List<String> logins) throws Exception {
    return certificate(userCa, logins, NOW.minusSeconds(60), NOW.plusSeconds(3600), Map.of());
  }

  @Test
  void acceptsAValidCertificateForOneOfItsLogins() throws Exception {
    assertNull(authenticator.refusal("ubuntu", valid(List.of("root", "ubuntu"))));
  }

  @Test
  void acceptsARootClustersCertificateOnlyWhereTheProxyVouchedForItsCaAndUser() throws Exception {
    KeyPair rootCa = Fixtures.ed25519();
    OpenSshCertificate root = Fixtures.userCertificate(rootCa, userKey, List.of("root"),
        NOW.minusSeconds(60), NOW.plusSeconds(3600), Map.of(),
        new UserCertificatePermissions("hq", List.of("edge-ops"), true, true).extensions());
    String vouched = "ssh?login=root&user=alice%40hq&session=s1&ca="
        + encoded(rootCa) + "&cluster=hq&grants=";

    assertNull(authenticator.refusal("root", root, Optional.of(StreamTarget.parse(vouched))));
    assertEquals("certificate signed by an unknown CA", authenticator.refusal("root", root));
    assertEquals("certificate signed by an unknown CA", authenticator.refusal("root", root,
        Optional.of(StreamTarget.parse(vouched.replace("alice%40hq", "bob%40hq")))));
    assertEquals("certificate signed by an unknown CA", authenticator.refusal("root", root,
        Optional.of(StreamTarget.parse(vouched.replace(
            encoded(rootCa), encoded(userCa))))));
    assertEquals("certificate is for cluster hq, not elsewhere", authenticator.refusal("root", root,
        Optional.of(StreamTarget.parse(vouched.replace("hq", "elsewhere")))));
  }

  private static String encoded(KeyPair ca) {
    return URLEncoder.encode(KeyUtils.getFingerPrint(ca.getPublic()), StandardCharsets.UTF_8);
  }

  @Test
  void refusesAnotherLogin() throws Exception {
    assertTrue(authenticator.refusal("root", valid(List.of("ubuntu"))).contains("does not name login root"));
  }

  @Test
  void refusesOutsideTheValidityWindow() throws Exception {
    OpenSshCertificate expired = certificate(userCa, List.of("root"), NOW.minusSeconds(7200), NOW, Map.of());
    OpenSshCertificate future = certificate(userCa, List.of("root"), NOW.plusSeconds(1), NOW.plusSeconds(7200), Map.of());
    assertEquals("certificate expired or not yet valid", authenticator.refusal("root", expired));
    assertEquals("certificate expired or not yet valid", authenticator.refusal("root", future));
  }

  @Test
  void acceptsARetiredCaKeyUntilItsGraceEndsOnly() throws Exception {
    KeyPair retired = Fixtures.ed25519();
    UserCaKeys rotated = UserCaKeys.parse(List.of(Fixtures.line(userCa.getPublic()),
        TrustedCaKeys.retiring(Fixtures.line(retired.getPublic()), NOW.plusSeconds(60))));
    OpenSshCertificate earlier =
        certificate(retired, List.of("root"), NOW.minusSeconds(60), NOW.plusSeconds(3600), Map.of());

    assertNull(authenticatorAt(rotated, NOW.plusSeconds(59)).refusal("root", earlier));
    assertEquals("certificate signed by an unknown CA",
        authenticatorAt(rotated, NOW.plusSeconds(60)).refusal("root", earlier));
    assertNull(authenticatorAt(rotated, NOW.plusSeconds(60)).refusal("root", valid(List.of("root"))));
  }

  private static UserCertificateAuthenticator authenticatorAt(UserCaKeys trusted, Instant now) {
    return new UserCertificateAuthenticator(() -> trusted, "test",
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void refusesAForeignCa() throws Exception {
    OpenSshCertificate foreign =
        certificate(Fixtures.ed25519(), List.of("root"), NOW.minusSeconds(60), NOW.plusSeconds(60), Map.of());
    assertEquals("certificate signed by an unknown CA", authenticator.refusal("root", foreign));
  }

  @Test
  void refusesPlainKeysAndHostCertificates() throws Exception {
    assertTrue(authenticator.refusal("root", userKey.getPublic()).startsWith("not a certificate"));
    OpenSshCertificate host = Fixtures.hostCertificate(userCa, userKey, "root", NOW.minusSeconds(60), NOW.plusSeconds(60));
    assertEquals("not a user certificate", authenticator.refusal("root", host));
  }

  @Test
  void refusesCriticalOptionsItDoesNotEnforce() throws Exception {
    OpenSshCertificate forced =
        certificate(userCa, List.of("root"), NOW.minusSeconds(60), NOW.plusSeconds(60), Map.of("force-command", "/bin/true"));
    assertTrue(authenticator.refusal("root", forced).contains("critical options"));
  }

  @Test
  void refusesACertificateWithoutClusterAndRoles() throws Exception {
    OpenSshCertificate bare =
        Fixtures.userCertificate(userCa, userKey, List.of("root"), NOW.minusSeconds(60), NOW.plusSeconds(60), Map.of(),
            Map.of("permit-pty", ""));
    assertEquals("certificate names no cluster and roles", authenticator.refusal("root", bare));
  }

  @Test
  void refusesACertificateOfAnotherCluster() throws Exception {
    OpenSshCertificate other =
        Fixtures.userCertificate(userCa, userKey, List.of("root"), NOW.minusSeconds(60), NOW.plusSeconds(60), Map.of(),
            new UserCertificatePermissions("elsewhere", List.of("admin"), true, true).extensions());
    assertEquals("certificate is for cluster elsewhere, not test", authenticator.refusal("root", other));
  }
}
