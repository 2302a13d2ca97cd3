package dev.outpost.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.cli.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

  @Test
  void writesAndReadsOneCertAuthorityLinePerKey(@TempDir Path dir) throws Exception {
    PublicKey first = TestCertificates.ed25519().getPublic();
    PublicKey second = TestCertificates.ed25519().getPublic();
    String text =
        KnownHosts.format(
            "edge",
            List.of(TestCertificates.line(first) + " host-ca", TestCertificates.line(second)));
    assertEquals(
        "@cert-authority *.edge "
            + TestCertificates.line(first)
            + "\n"
            + "@cert-authority *.edge "
            + TestCertificates.line(second)
            + "\n",
        text);
    Path file = Files.writeString(dir.resolve("known_hosts"), text);
    assertEquals(List.of(first, second), KnownHosts.read(file));
  }

  @Test
  void refusesAKeyThatSmugglesASecondLine() throws Exception {
    String key = TestCertificates.line(TestCertificates.ed25519().getPublic());
    String smuggled = key + "\n@cert-authority * " + key;
    assertThrows(
        GeneralSecurityException.class, () -> KnownHosts.format("edge", List.of(smuggled)));
    assertThrows(
        GeneralSecurityException.class, () -> KnownHosts.format("edge", List.of("not a key")));
    assertThrows(GeneralSecurityException.class, () -> KnownHosts.format("edge", List.of()));
  }
}
