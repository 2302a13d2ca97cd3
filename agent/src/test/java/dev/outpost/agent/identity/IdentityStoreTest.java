package dev.outpost.agent.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import dev.outpost.api.CertificateProof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {

  @Test
  void savesAndLoadsTheWholeIdentity(@TempDir Path parent) throws Exception {
    Path directory = parent.resolve("agent");
    IdentityStore store = new IdentityStore(directory);
    assertFalse(store.hasIdentity());
    Instant now = Instant.now();
    NodeIdentity saved = Fixtures.identity(Fixtures.ed25519(), Fixtures.ed25519(), now, now.plus(Duration.ofDays(7)));

    store.save(saved);

    assertTrue(store.hasIdentity());
    NodeIdentity loaded = store.load();
    assertEquals(saved.node(), loaded.node());
    assertEquals(saved.hostCertificate().line(), loaded.hostCertificate().line());
    assertEquals(saved.userCas().lines(), loaded.userCas().lines());
    assertEquals(saved.clusterCa(), loaded.clusterCa());
    assertArrayEquals(saved.hostKey().getPublic().getEncoded(), loaded.hostKey().getPublic().getEncoded());
    byte[] challenge = CertificateProof.tunnelChallenge(new byte[32]);
    CertificateProof.sign(loaded.hostKey(), saved.hostCertificate().line(), challenge).verify(challenge);
  }

  @Test
  void privateKeyIsOwnerOnlyAndNoTemporaryFilesRemain(@TempDir Path directory) throws Exception {
    IdentityStore store = new IdentityStore(directory);
    Instant now = Instant.now();
    store.save(Fixtures.identity(Fixtures.ed25519(), Fixtures.ed25519(), now, now.plusSeconds(600)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("host_key"))));
    assertTrue(Files.readString(directory.resolve("host_key")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
    try (var files = Files.list(directory)) {
      assertEquals(
          List.of("cluster_ca.pem", "host_key", "host_key-cert.pub", "node.properties", "user_ca.pub"),
          files.map(file -> file.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void defaultDirectoryDependsOnPrivilege() {
    assertEquals(Path.of("/var/lib/outpost-agent"), IdentityStore.defaultDirectory(true, Path.of("/root")));
    assertEquals(Path.of("/home/pi/.outpost-agent"), IdentityStore.defaultDirectory(false, Path.of("/home/pi")));
  }
}
