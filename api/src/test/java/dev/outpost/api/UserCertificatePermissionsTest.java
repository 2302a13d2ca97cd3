package dev.outpost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;

class UserCertificatePermissionsTest {

  @Test
  void theNodeReadsBackWhatTheProxySigned() throws Exception {
    UserCertificatePermissions signed = new UserCertificatePermissions("edge", List.of("a", "b"),
        true, false, true, Optional.of(Duration.ofMinutes(15)));

    assertEquals(Optional.of(signed), UserCertificatePermissions.of(certificate(signed.extensions())));
    assertEquals("900", signed.extensions().get(UserCertificatePermissions.CLIENT_IDLE_TIMEOUT));
  }

  @Test
  void withoutTheNewExtensionsRecordingIsStrictAndThereIsNoIdleTimeout() throws Exception {
    UserCertificatePermissions read = UserCertificatePermissions.of(certificate(
        new UserCertificatePermissions("edge", List.of("a"), false, true).extensions())).orElseThrow();

    assertEquals(false, read.recordingBestEffort());
    assertEquals(Optional.empty(), read.clientIdleTimeout());
  }

  @Test
  void anUnreadableIdleTimeoutPermitsNothing() throws Exception {
    Map<String, String> extensions = new HashMap<>(
        new UserCertificatePermissions("edge", List.of("a"), true, true).extensions());
    extensions.put(UserCertificatePermissions.CLIENT_IDLE_TIMEOUT, "soon");

    assertTrue(UserCertificatePermissions.of(certificate(extensions)).isEmpty());
  }

  @Test
  void grantsTravelAsOneLineAndLimitARootCertificateToWhatTheLeafRolesAllow() {
    UserCertificatePermissions leafRoles = new UserCertificatePermissions("leaf", List.of("access"),
        false, true, true, Optional.of(Duration.ofMinutes(5)));
    String grants = leafRoles.grants();
    assertEquals(leafRoles.fileCopy(), UserCertificatePermissions
        .fromGrants(grants, "leaf", List.of("access")).orElseThrow().fileCopy());

    UserCertificatePermissions root = new UserCertificatePermissions("hq", List.of("edge-ops"),
        true, true, false, Optional.of(Duration.ofHours(1)));
    UserCertificatePermissions limited = root.limitedTo(
        UserCertificatePermissions.fromGrants(grants, "hq", root.roles()).orElseThrow());
    assertEquals("hq", limited.cluster());
    assertEquals(List.of("edge-ops"), limited.roles());
    assertEquals(false, limited.portForwarding(), "the leaf's roles do not forward ports");
    assertEquals(true, limited.fileCopy());
    assertEquals(false, limited.recordingBestEffort(), "strict unless both are best effort");
    assertEquals(Optional.of(Duration.ofMinutes(5)), limited.clientIdleTimeout(), "the shorter one");
    assertEquals(false, root.limitedTo(UserCertificatePermissions.fromGrants("", "hq",
        root.roles()).orElseThrow()).fileCopy(), "no grants, no file copy");
  }

  private static OpenSshCertificate certificate(Map<String, String> extensions) throws Exception {
    KeyPair ca = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    Instant now = Instant.now();
    OpenSshCertificate certificate = OpenSshCertificateBuilder.userCertificate()
        .publicKey(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic())
        .id("alice").serial(1)
        .principals(List.of("root")).extensions(extensions)
        .validAfter(now.minusSeconds(60)).validBefore(now.plusSeconds(600)).sign(ca);
    return (OpenSshCertificate) CertificateProof.parseCertificate(PublicKeyEntry.toString(certificate));
  }
}
