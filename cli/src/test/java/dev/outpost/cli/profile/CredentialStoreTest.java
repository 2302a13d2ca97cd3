package dev.outpost.cli.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.LoginResponse;
import dev.outpost.cli.CliException;
import dev.outpost.cli.TestCertificates;
import dev.outpost.client.TestPki;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a login leaves on disk is only what the proxy sent for the keys this client made. */
class CredentialStoreTest {

  private static final ProxyAddress PROXY = ProxyAddress.parse("localhost:8443");
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static KeyPair userCa;
  private static String caPem;
  private static String hostCaKey;

  @TempDir Path dir;

  @BeforeAll
  static void issue() throws Exception {
    userCa = TestCertificates.ed25519();
    caPem = Pem.encode(TestPki.ca("Outpost CA").certificate());
    hostCaKey = TestCertificates.line(TestCertificates.ed25519().getPublic());
  }

  private CredentialStore store(Instant now) {
    return new CredentialStore(
        new OutpostHome(dir.resolve("home"), false), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static LoginResponse answer(String cluster, PublicKey certified) throws Exception {
    String certificate =
        TestCertificates.line(TestCertificates.user(userCa, certified, "alice", List.of("root")));
    return new LoginResponse(
        "alice",
        cluster,
        List.of("access"),
        List.of("root"),
        "token",
        certificate,
        null,
        caPem,
        List.of(hostCaKey),
        NOW.plus(Duration.ofHours(12)));
  }

  @Test
  void storesALoginAndLoadsItUntilItExpires() throws Exception {
    LoginKeys keys = LoginKeys.generate();
    store(NOW)
        .save(PROXY, answer("edge", keys.ssh().getPublic()), keys, TlsTrust.CLUSTER_CA, false);

    Credentials credentials = store(NOW).load();
    assertEquals("edge", credentials.profile().cluster());
    assertEquals(List.of("root"), credentials.sshIdentity().logins());
    assertEquals(keys.ssh().getPublic(), credentials.sshIdentity().key().getPublic());
    assertEquals(1, credentials.hostCaKeys().size());
    assertFalse(Files.exists(dir.resolve("home/tls.crt")), "no TLS certificate was issued");

    CliException expired =
        assertThrows(CliException.class, () -> store(NOW.plus(Duration.ofHours(13))).load());
    assertTrue(
        expired.getMessage().startsWith("your credentials expired at 2030-01-01T12:00:00Z"),
        expired.getMessage());
  }

  @Test
  void refusesACertificateForAnotherKeyAndWritesNothing() throws Exception {
    LoginKeys keys = LoginKeys.generate();
    PublicKey someoneElse = TestCertificates.ed25519().getPublic();
    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () ->
                store(NOW)
                    .save(PROXY, answer("edge", someoneElse), keys, TlsTrust.CLUSTER_CA, false));
    assertEquals(
        "the proxy's SSH certificate is not a user certificate for the key sent", e.getMessage());
    assertFalse(Files.exists(dir.resolve("home")));
  }

  @Test
  void refusesAClusterNameThatWouldWidenTheHostPattern() throws Exception {
    LoginKeys keys = LoginKeys.generate();
    for (String cluster : List.of("*", "edge *", "edge\nHost *", "")) {
      assertThrows(
          GeneralSecurityException.class,
          () ->
              store(NOW)
                  .save(
                      PROXY,
                      answer(cluster, keys.ssh().getPublic()),
                      keys,
                      TlsTrust.CLUSTER_CA,
                      false));
    }
  }
}
