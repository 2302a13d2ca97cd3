package dev.outpost.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outpost.testing.Keys;
import dev.outpost.testing.TestCas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH itself reads Outpost's certificates: {@code ssh-keygen -L -f FILE}. */
class SshKeygenTest {

  private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;

  private final CertificateAuthorities cas = TestCas.create(NOW);

  @BeforeAll
  static void requireSshKeygen() {
    assumeTrue(Files.isExecutable(SSH_KEYGEN), "openssh-client (ssh-keygen) is not installed");
  }

  @Test
  void readsUserCertificate() throws Exception {
    String certificate = cas.issueUserCertificate(Keys.ed25519().getPublic(), "alice",
        List.of("root", "ubuntu"), TestCas.ACCESS, NOW, Duration.ofHours(12));

    String listing = sshKeygenList(certificate);

    assertTrue(listing.contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate"),
        listing);
    assertTrue(listing.contains("Signing CA: ED25519 " + cas.users().fingerprint()), listing);
    assertTrue(listing.contains("Key ID: \"alice\""), listing);
    assertTrue(listing.contains("Valid: from 2026-03-01T09:59:00 to 2026-03-01T22:00:00"),
        listing);
    assertEquals(List.of("root", "ubuntu"), section(listing, "Principals:"));
    // OpenSSH reads Outpost's own extensions as opaque: values wrapped as strings, as it writes
    assertEquals(List.of(
        "cluster@outpost.dev UNKNOWN OPTION: 0000000c746573742e6578616d706c65 (len 16)",
        "permit-file-copy@outpost.dev UNKNOWN FLAG OPTION",
        "permit-pty",
        "roles@outpost.dev UNKNOWN OPTION: 00000006616363657373 (len 10)"),
        section(listing, "Extensions:"));
    assertTrue(listing.contains("Critical Options: (none)"), listing);
  }

  @Test
  void readsHostCertificate() throws Exception {
    String certificate = cas.issueHostCertificate(Keys.ed25519().getPublic(), "edge-1", NOW);

    String listing = sshKeygenList(certificate);

    assertTrue(listing.contains("Type: ssh-ed25519-cert-v01@openssh.com host certificate"),
        listing);
    assertTrue(listing.contains("Signing CA: ED25519 " + cas.hosts().fingerprint()), listing);
    assertTrue(listing.contains("Key ID: \"edge-1\""), listing);
    assertTrue(listing.contains("Valid: from 2026-03-01T09:59:00 to 2026-03-08T10:00:00"),
        listing);
    assertEquals(List.of("edge-1", "edge-1." + TestCas.CLUSTER), section(listing, "Principals:"));
  }

  private String sshKeygenList(String certificate) throws IOException, InterruptedException {
    Path file = dir.resolve("key-cert.pub");
    Files.writeString(file, certificate + "\n");
    ProcessBuilder builder = new ProcessBuilder(SSH_KEYGEN.toString(), "-L", "-f", file.toString())
        .redirectErrorStream(true);
    builder.environment().put("TZ", "UTC");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "ssh-keygen hangs");
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  /** The indented lines under a heading such as {@code Principals:}. */
  private static List<String> section(String listing, String heading) {
    List<String> lines = listing.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(heading)) {
        start = i + 1;
      }
    }
    assertTrue(start > 0, heading + " missing in\n" + listing);
    return lines.subList(start, lines.size()).stream()
        .takeWhile(line -> line.startsWith("                "))
        .map(String::trim)
        .toList();
  }
}
