package dev.outpost.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outpost.cli.TestCertificates;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.Test;

class HostCertificateVerifierTest {

  @Test
  void acceptsOnlyWhileTheCertificateIsValid() throws Exception {
    KeyPair hostCa = TestCertificates.ed25519();
    OpenSshCertificate certificate =
        TestCertificates.host(hostCa, TestCertificates.ed25519().getPublic(), "node1", "edge");
    HostCertificateVerifier verifier =
        new HostCertificateVerifier(List.of(hostCa.getPublic()), "node1.edge", Clock.systemUTC());
    assertEquals(Optional.empty(), verifier.check(certificate, Instant.now()));
    assertEquals(
        Optional.of("the host certificate of node1.edge is not valid now"),
        verifier.check(certificate, Instant.now().plus(Duration.ofDays(8))));
  }

  @Test
  void refusesAUserCertificateAsHostKey() throws Exception {
    KeyPair ca = TestCertificates.ed25519();
    OpenSshCertificate user =
        TestCertificates.user(
            ca, TestCertificates.ed25519().getPublic(), "node1.edge", List.of("node1.edge"));
    HostCertificateVerifier verifier =
        new HostCertificateVerifier(List.of(ca.getPublic()), "node1.edge", Clock.systemUTC());
    assertEquals(
        Optional.of("node1.edge presented a user certificate as its host key"),
        verifier.check(user, Instant.now()));
  }
}
