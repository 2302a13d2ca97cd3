package dev.outpost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutpostConfigTest {

  @Test
  void propertyBeatsEnvironmentWhichBeatsDefault() {
    OutpostConfig config = OutpostConfig.from(
        Map.of("outpost.cluster.name", "from-property")::get,
        Map.of("OUTPOST_CLUSTER_NAME", "from-env",
            "OUTPOST_PUBLIC_ADDR", "proxy.example:443")::get);

    assertEquals("from-property", config.clusterName());
    assertEquals("proxy.example:443", config.publicAddr());
    assertEquals("proxy.example", config.publicHost());
    assertEquals("changeit", config.tlsKeystorePassword());
  }

  @Test
  void defaults() {
    OutpostConfig config = OutpostConfig.from(name -> null, name -> null);

    assertEquals("localhost:8443", config.publicAddr());
    assertEquals(List.of("root"), config.bootstrapAdminLogins());
    assertEquals(Optional.empty(), config.bootstrapAdminPassword());
    assertEquals(Optional.empty(), config.caPassphrase());
    assertEquals(Path.of("./outpost-data").toAbsolutePath().normalize(), config.dataDir());
    assertTrue(config.clusterName().matches("[a-z0-9.-]+"));
  }

  @Test
  void pathsLiveUnderTheDataDirectory() {
    OutpostConfig config = OutpostConfig.from(
        Map.of("outpost.data.dir", "/srv/outpost")::get, name -> null);

    assertEquals(Path.of("/srv/outpost/ca"), config.caDirectory());
    assertEquals(Path.of("/srv/outpost/secrets/ca-passphrase"), config.secretFile("ca-passphrase"));
    assertEquals(Path.of("/srv/outpost/tls/proxy.p12"), config.tlsKeystore());
  }

  @Test
  void parsesLoginsAndPublicHosts() {
    OutpostConfig config = OutpostConfig.from(name -> null, Map.of(
        "OUTPOST_BOOTSTRAP_ADMIN_LOGINS", "root, ubuntu ,",
        "OUTPOST_PUBLIC_ADDR", "[::1]:8443",
        "OUTPOST_CLUSTER_NAME", "Edge.Example")::get);

    assertEquals(List.of("root", "ubuntu"), config.bootstrapAdminLogins());
    assertEquals("::1", config.publicHost());
    assertEquals("edge.example", config.clusterName());
  }

  @Test
  void mfaForEveryoneIsOffUnlessSetToTrue() {
    assertEquals(false, OutpostConfig.from(name -> null, name -> null).requireMfa());
    assertEquals(true, OutpostConfig.from(name -> null,
        Map.of("OUTPOST_AUTH_REQUIRE_MFA", "TRUE")::get).requireMfa());
    assertEquals(true, OutpostConfig.from(Map.of("outpost.auth.require-mfa", "true")::get,
        name -> null).requireMfa());
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> OutpostConfig.from(name -> null, Map.of("OUTPOST_AUTH_REQUIRE_MFA", "yes")::get));
    assertEquals("outpost.auth.require-mfa (OUTPOST_AUTH_REQUIRE_MFA) must be true or false,"
        + " not 'yes'", error.getMessage());
  }

  @Test
  void retentionIsAYearUnlessSet() {
    OutpostConfig.Retention defaults = OutpostConfig.from(name -> null, name -> null).retention();
    assertEquals(Duration.ofDays(365), defaults.auditEvents());
    assertEquals(Duration.ofDays(365), defaults.recordings());

    OutpostConfig.Retention set = OutpostConfig.from(name -> null, Map.of(
        "OUTPOST_AUDIT_RETENTION", "P730D", "OUTPOST_RECORDING_RETENTION", "P90D")::get).retention();
    assertEquals(Duration.ofDays(730), set.auditEvents());
    assertEquals(Duration.ofDays(90), set.recordings());

    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> OutpostConfig.from(name -> null, Map.of("OUTPOST_RECORDING_RETENTION", "90d")::get));
    assertEquals("outpost.recording.retention '90d' is not an ISO-8601 duration such as PT45S",
        error.getMessage());
  }

  @Test
  void eachInstanceJournalsInAFileOfItsOwn() {
    OutpostConfig config = OutpostConfig.from(Map.of("outpost.data.dir", "/srv/outpost",
        "outpost.proxy.instance", "proxy/1")::get, name -> null);

    assertEquals(Path.of("/srv/outpost/audit-journal/proxy_1.jsonl"), config.auditJournal());
    assertEquals(Path.of("/srv/outpost/audit-journal/quarantine/proxy_1.jsonl"),
        config.auditQuarantine());
  }

  @Test
  void refusesClusterNamesThatAreNotDnsNames() {
    assertThrows(IllegalStateException.class, () -> OutpostConfig.from(
        Map.of("outpost.cluster.name", "bad_name")::get, name -> null));
  }

  @Test
  void environmentVariableNamesFollowTheProperties() {
    assertEquals("OUTPOST_TLS_KEYSTORE_PASSWORD",
        Setting.TLS_KEYSTORE_PASSWORD.environmentVariable());
    assertEquals("OUTPOST_CA_PASSPHRASE", Setting.CA_PASSPHRASE.environmentVariable());
  }

  @Test
  void tunnelAdmissionIsReadAndChecked() {
    OutpostConfig config = OutpostConfig.from(name -> null,
        Map.of("OUTPOST_TUNNEL_ADMISSION_RATE", "12.5", "OUTPOST_TUNNEL_ADMISSION_BURST", "40")::get);
    assertEquals(Optional.of(12.5), config.tunnelAdmission().perSecond());
    assertEquals(Optional.of(40), config.tunnelAdmission().burst());
    assertEquals(new OutpostConfig.TunnelAdmission(Optional.empty(), Optional.empty()),
        OutpostConfig.from(name -> null, name -> null).tunnelAdmission());

    assertEquals("outpost.tunnel.admission.rate (OUTPOST_TUNNEL_ADMISSION_RATE) must be a positive"
        + " number, not 'fast'", assertThrows(IllegalStateException.class, () -> OutpostConfig.from(
            name -> null, Map.of("OUTPOST_TUNNEL_ADMISSION_RATE", "fast")::get)).getMessage());
    assertEquals("outpost.tunnel.admission.rate (OUTPOST_TUNNEL_ADMISSION_RATE) must be a positive"
        + " number, not '0'", assertThrows(IllegalStateException.class, () -> OutpostConfig.from(
            name -> null, Map.of("OUTPOST_TUNNEL_ADMISSION_RATE", "0")::get)).getMessage());
    assertEquals("outpost.tunnel.admission.burst (OUTPOST_TUNNEL_ADMISSION_BURST) must be a whole"
        + " number, not 2.5", assertThrows(IllegalStateException.class, () -> OutpostConfig.from(
            name -> null, Map.of("OUTPOST_TUNNEL_ADMISSION_BURST", "2.5")::get)).getMessage());
  }
}
