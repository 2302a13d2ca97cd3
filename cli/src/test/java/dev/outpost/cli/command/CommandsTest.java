package dev.outpost.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.cli.TestCertificates;
import dev.outpost.cli.profile.OutpostHome;
import dev.outpost.client.http.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands against a fake proxy, as scripts drive them: --password-stdin, --format=json. */
class CommandsTest {

  private static FakeProxy proxy;

  @TempDir Path home;
  private CliRunner cli;

  @BeforeAll
  static void startProxy() throws Exception {
    proxy = new FakeProxy();
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void setUp() {
    proxy.revoked.set(false);
    cli = new CliRunner(home, Map.of());
  }

  private CliRunner.Result loginAlice() {
    return cli.runWithInput(
        "secret\n",
        "login",
        "--proxy=" + proxy.address(),
        "--user=alice",
        "--insecure",
        "--password-stdin");
  }

  private static void assertSucceeded(CliRunner.Result result) {
    assertEquals(0, result.exitCode(), result.err());
  }

  private static void assertFailed(int exitCode, String message, CliRunner.Result result) {
    assertEquals(exitCode, result.exitCode(), result.err());
    assertEquals("outpost: " + message + "\n", result.err());
  }

  private String mode(String file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file)));
  }

  @Test
  void loginStoresEveryFileWithItsMode() throws Exception {
    CliRunner.Result login = loginAlice();
    assertSucceeded(login);
    assertTrue(
        login
            .out()
            .startsWith("Logged in as alice on cluster edge through " + proxy.address() + ".\n"),
        login.out());
    assertTrue(
        login.err().contains("warning: the proxy's certificate was not verified"), login.err());

    assertEquals("rwx------", mode("."));
    for (String secret : List.of("key", "tls.key", "profile.json")) {
      assertEquals("rw-------", mode(secret), secret);
    }
    for (String open :
        List.of("key.pub", "key-cert.pub", "tls.crt", "cluster_ca.pem", "known_hosts")) {
      assertEquals("rw-r--r--", mode(open), open);
    }
    assertTrue(
        Files.readString(home.resolve("key")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
    assertTrue(Files.readString(home.resolve("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(
        Files.readString(home.resolve("key-cert.pub"))
            .startsWith("ssh-ed25519-cert-v01@openssh.com "));
    assertEquals(
        "@cert-authority *.edge " + TestCertificates.line(proxy.hostCa.getPublic()) + "\n",
        Files.readString(home.resolve("known_hosts")));
    assertEquals(0, home.toFile().list((dir, name) -> name.endsWith(".tmp")).length);

    JsonNode profile = WireJson.mapper().readTree(home.resolve("profile.json").toFile());
    assertEquals(proxy.address(), profile.get("proxy").asText());
    assertEquals(FakeProxy.TOKEN, profile.get("session_token").asText());
    assertEquals("CLUSTER_CA", profile.get("tls_trust").asText());
    assertTrue(profile.get("insecure").asBoolean());
  }

  @Test
  void loginReadsATotpCodeFromTheNextLineWhenAsked() {
    assertSucceeded(
        cli.runWithInput(
            "secret\n123456\n",
            "login",
            "--proxy=" + proxy.address(),
            "--user=bob",
            "--insecure",
            "--password-stdin"));
  }

  @Test
  void loginSendsTheTotpOption() {
    assertSucceeded(
        cli.runWithInput(
            "secret\n",
            "login",
            "--proxy=" + proxy.address(),
            "--user=bob",
            "--totp=123456",
            "--insecure",
            "--password-stdin"));
    assertFailed(
        1,
        "login failed: invalid TOTP code",
        cli.runWithInput(
            "secret\n",
            "login",
            "--proxy=" + proxy.address(),
            "--user=bob",
            "--totp=000000",
            "--insecure",
            "--password-stdin"));
  }

  @Test
  void mfaEnrollShowsTheSecretThenEnrolsItWithTheNewCode() {
    proxy.enrolled.set(null);
    CliRunner.Result result =
        cli.runWithInput(
            "secret\n654321\n",
            "mfa",
            "enroll",
            "--proxy=" + proxy.address(),
            "--user=bob",
            "--insecure",
            "--password-stdin");

    assertSucceeded(result);
    assertTrue(result.out().contains("  Secret: " + FakeProxy.TOTP_SECRET + "\n"), result.out());
    assertTrue(result.out().contains("  URI:    otpauth://totp/edge:bob\n"), result.out());
    assertTrue(result.out().contains("TOTP enrolled for bob."), result.out());
    assertEquals("654321", proxy.enrolled.get().code());
    assertEquals("bob", proxy.enrolled.get().user());

    assertFailed(
        1,
        "enrolment failed: the one-time code does not match",
        cli.runWithInput(
            "secret\n111111\n",
            "mfa",
            "enroll",
            "--proxy=" + proxy.address(),
            "--user=bob",
            "--insecure",
            "--password-stdin"));
  }

  @Test
  void loginReportsAWrongPasswordInOneLine() {
    assertFailed(
        1,
        "login failed: invalid user name or password",
        cli.runWithInput(
            "wrong\n",
            "login",
            "--proxy=" + proxy.address(),
            "--user=alice",
            "--insecure",
            "--password-stdin"));
  }

  @Test
  void loginWithoutTrustInTheProxyExplainsTheWayOut() {
    CliRunner.Result result =
        cli.runWithInput(
            "secret\n", "login", "--proxy=" + proxy.address(), "--user=alice", "--password-stdin");
    assertEquals(1, result.exitCode());
    assertTrue(
        result.err().startsWith("outpost: proxy " + proxy.address() + " is not trusted"),
        result.err());
    assertTrue(result.err().contains("--ca-pin"), result.err());
    assertEquals(1, result.err().lines().count());
    assertFalse(Files.exists(home.resolve("profile.json")));
  }

  @Test
  void loginWithTheCaPinTrustsTheClusterCa() throws Exception {
    assertSucceeded(
        cli.runWithInput(
            "secret\n",
            "login",
            "--proxy=" + proxy.address(),
            "--user=alice",
            "--ca-pin=" + proxy.caPin(),
            "--password-stdin"));
    assertFalse(
        WireJson.mapper()
            .readTree(home.resolve("profile.json").toFile())
            .get("insecure")
            .asBoolean());
    assertSucceeded(cli.run("status"));
  }

  @Test
  void loginRefusesAProxyWithoutThePinnedCa() {
    String otherPin = "sha256:" + "ab".repeat(32);
    CliRunner.Result result =
        cli.runWithInput(
            "secret\n",
            "login",
            "--proxy=" + proxy.address(),
            "--ca-pin=" + otherPin,
            "--password-stdin");
    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains("does not contain the pinned CA " + otherPin), result.err());
  }

  @Test
  void statusPrintsTheIdentityAsTextOrJson() throws Exception {
    assertSucceeded(loginAlice());
    CliRunner.Result text = cli.run("status");
    assertSucceeded(text);
    assertTrue(text.out().contains("Logins:      root, ubuntu\n"), text.out());
    CliRunner.Result json = cli.run("status", "--format=json");
    assertSucceeded(json);
    JsonNode status = WireJson.mapper().readTree(json.out());
    assertEquals("alice", status.get("user").asText());
    assertEquals(proxy.address(), status.get("proxy").asText());
    assertEquals(FakeProxy.EXPIRES.toString(), status.get("expires").asText());
  }

  @Test
  void lsFiltersByClusterAndLabels() throws Exception {
    assertSucceeded(loginAlice());
    CliRunner.Result text = cli.run("ls");
    assertSucceeded(text);
    assertEquals(
        String.join(
            "\n",
            "NAME   CLUSTER  ADDRESS  LABELS             STATUS",
            "node1  edge     tunnel   env=lab,region=eu  online",
            "node2  edge     tunnel   env=prod           stale, offline since 2030-01-01T00:00:00Z",
            "node3  edge     tunnel   env=field          reconnecting",
            ""),
        text.out());
    JsonNode filtered =
        WireJson.mapper()
            .readTree(cli.run("ls", "--cluster=edge", "env=lab", "--format=json").out());
    assertEquals(1, filtered.size());
    assertEquals("node1", filtered.get(0).get("name").asText());
    JsonNode leaf =
        WireJson.mapper().readTree(cli.run("ls", "--cluster=depot", "--format=json").out());
    assertEquals("node-a", leaf.get(0).get("name").asText());
    assertEquals("depot", leaf.get(0).get("cluster").asText());
    CliRunner.Result unknown = cli.run("ls", "--cluster=other");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown cluster 'other'"), unknown.err());
  }

  @Test
  void clustersListsThisClusterAndItsLeaves() {
    assertSucceeded(loginAlice());
    CliRunner.Result clusters = cli.run("clusters");
    assertSucceeded(clusters);
    assertTrue(clusters.out().contains("depot    leaf  online"), clusters.out());
  }

  @Test
  void tokensAddPrintsTheContractsJsonAndTheAgentCommandLine() throws Exception {
    assertSucceeded(loginAlice());
    CliRunner.Result json =
        cli.run("admin", "tokens", "add", "--type=node", "--ttl=30m", "--format=json");
    assertSucceeded(json);
    JsonNode token = WireJson.mapper().readTree(json.out());
    Set<String> fields = new HashSet<>();
    token.fieldNames().forEachRemaining(fields::add);
    assertEquals(Set.of("id", "token", "type", "expires", "ca_pin"), fields);
    assertEquals(proxy.caPin(), token.get("ca_pin").asText());
    assertEquals(1, json.out().lines().count());

    CliRunner.Result text = cli.run("admin", "tokens", "add", "--type=NODE");
    assertTrue(
        text.out()
            .contains(
                "  outpost-agent start --proxy="
                    + proxy.address()
                    + " --token=join-node --ca-pin="
                    + proxy.caPin()
                    + "\n"),
        text.out());
  }

  @Test
  void usersAddPrintsTheInvite() throws Exception {
    assertSucceeded(loginAlice());
    CliRunner.Result text =
        cli.run("admin", "users", "add", "carol", "--roles=access,admin", "--logins=root");
    assertSucceeded(text);
    assertTrue(
        text.out().startsWith("User carol created with roles access, admin and logins root.\n"),
        text.out());
    assertTrue(text.out().contains("  Invite URL:  https://localhost/invite/abc\n"), text.out());
    JsonNode json =
        WireJson.mapper()
            .readTree(
                cli.run("admin", "users", "add", "dave", "--roles=access", "--format=json").out());
    assertEquals("abc", json.get("invite_code").asText());
  }

  @Test
  void rolesAreAppliedFromAFileListedAndRemoved(@TempDir Path files) throws Exception {
    assertSucceeded(loginAlice());
    Path role = Files.writeString(files.resolve("edge-ops.yaml"), "kind: role\nname: edge-ops\n");

    CliRunner.Result created = cli.run("admin", "roles", "create", "-f", role.toString());
    assertSucceeded(created);
    assertEquals("Role edge-ops created.\n", created.out());
    assertEquals("kind: role\nname: edge-ops\n", proxy.lastRoleResource.get());

    JsonNode listed = WireJson.mapper().readTree(cli.run("admin", "roles", "ls", "--format=json").out());
    assertEquals("root", listed.get(0).get("allow").get("logins").get(0).asText());
    assertTrue(cli.run("admin", "roles", "ls").out().contains("edge-ops  [root]"));

    assertSucceeded(cli.run("admin", "roles", "rm", "edge-ops"));
    assertEquals("/api/v1/admin/roles/edge-ops", proxy.deleted.get());
    assertFailed(2, "no such file: " + files.resolve("missing.yaml"),
        cli.run("admin", "roles", "create", "-f", files.resolve("missing.yaml").toString()));
  }

  @Test
  void usersAreListedAndRemoved() throws Exception {
    assertSucceeded(loginAlice());

    CliRunner.Result table = cli.run("admin", "users", "ls");
    assertSucceeded(table);
    assertTrue(table.out().startsWith("NAME  ROLES     LOGINS  PASSWORD  TOTP      CREATED"),
        table.out());
    assertTrue(table.out().contains("bob   edge-ops  ubuntu  set       enrolled"), table.out());
    JsonNode json = WireJson.mapper().readTree(cli.run("admin", "users", "ls", "--format=json").out());
    assertTrue(json.get(0).get("totp").asBoolean());

    CliRunner.Result removed = cli.run("admin", "users", "rm", "bob");
    assertSucceeded(removed);
    assertEquals("User bob removed; their sessions end within seconds.\n", removed.out());
    assertEquals("/api/v1/admin/users/bob", proxy.deleted.get());
  }

  @Test
  void locksAreListedAndLifted() throws Exception {
    assertSucceeded(loginAlice());

    CliRunner.Result table = cli.run("admin", "locks", "ls");
    assertSucceeded(table);
    assertTrue(table.out().contains("lock-7  node  edge-1"), table.out());
    assertEquals("lock-7", WireJson.mapper()
        .readTree(cli.run("admin", "locks", "ls", "--format=json").out()).get(0).get("id").asText());

    assertSucceeded(cli.run("admin", "locks", "rm", "lock-7"));
    assertEquals("/api/v1/admin/locks/lock-7", proxy.deleted.get());
  }

  @Test
  void lockTakesExactlyOneTarget() throws Exception {
    assertSucceeded(loginAlice());

    CliRunner.Result locked =
        cli.run("admin", "lock", "--user=bob", "--ttl=1h", "--message=incident", "--format=json");
    assertSucceeded(locked);
    JsonNode lock = WireJson.mapper().readTree(locked.out());
    assertEquals("bob", lock.get("target").asText());
    assertEquals("incident", lock.get("message").asText());
    assertEquals(2, cli.run("admin", "lock", "--user=bob", "--node=n1").exitCode());
    assertEquals(2, cli.run("admin", "lock").exitCode());
  }

  @Test
  void configNamesTheFilesOfThisHome() {
    assertSucceeded(loginAlice());
    CliRunner.Result config = cli.run("config");
    assertSucceeded(config);
    assertTrue(config.out().contains("Host *.edge *.depot\n"), config.out());
    assertTrue(Files.exists(home.resolve("known_hosts.leaves")));
    assertTrue(
        config.out().contains("    CertificateFile " + home.resolve("key-cert.pub") + "\n"),
        config.out());
    assertTrue(config.out().contains(" --home=" + home + " proxy ssh %r@%h:%p\n"), config.out());
  }

  @Test
  void logoutRevokesAndRemovesEverything() throws Exception {
    assertSucceeded(loginAlice());
    CliRunner.Result logout = cli.run("logout");
    assertSucceeded(logout);
    assertEquals("Logged out alice from " + proxy.address() + ".\n", logout.out());
    assertTrue(proxy.revoked.get());
    try (var left = Files.list(home)) {
      assertEquals(List.of(), left.toList());
    }
    assertEquals("Not logged in.\n", cli.run("logout").out());
    assertFailed(1, "not logged in: run 'outpost login --proxy=HOST:PORT'", cli.run("status"));
  }

  @Test
  void aRevokedSessionAsksForANewLogin() {
    assertSucceeded(loginAlice());
    proxy.revoked.set(true);
    assertFailed(1, "session expired or revoked: run 'outpost login' again", cli.run("ls"));
  }

  @Test
  void usageErrorsExitWithTwo() {
    String proxyOption = "--proxy=" + proxy.address();
    assertEquals(2, cli.run("login", proxyOption, "--ttl=12 hours", "--password-stdin").exitCode());
    assertEquals(
        2, cli.run("login", proxyOption, "--insecure", "--ca-pin=" + proxy.caPin()).exitCode());
    assertEquals(2, cli.run("login", "--proxy=local host:1").exitCode());
    assertEquals(2, cli.run("login", proxyOption, "--ca-pin=md5:00").exitCode());
    assertEquals(2, cli.run("ls", "env").exitCode());
    assertEquals(2, cli.run("admin", "tokens", "add").exitCode());
    assertEquals(2, cli.run("frobnicate").exitCode());
    assertEquals(2, cli.run().exitCode());
    CliRunner.Result hostile = cli.run("proxy", "ssh", "root@node;reboot:22");
    assertEquals(2, hostile.exitCode());
    assertEquals(1, hostile.err().lines().count());
  }

  @Test
  void everyCommandHasHelp() {
    for (List<String> command :
        List.of(List.of("ssh"), List.of("proxy", "ssh"), List.of("admin", "tokens", "add"))) {
      List<String> arguments = new java.util.ArrayList<>(command);
      arguments.add("--help");
      CliRunner.Result help = cli.run(arguments.toArray(String[]::new));
      assertEquals(0, help.exitCode(), help.err());
      assertTrue(help.out().startsWith("Usage: outpost " + String.join(" ", command)), help.out());
    }
  }

  @Test
  void withoutATerminalAPasswordMustComeOnStdin() {
    assertFailed(
        2,
        "no terminal to ask for a password: use --password-stdin",
        cli.run("login", "--proxy=" + proxy.address(), "--insecure"));
  }

  @Test
  void theHomeComesFromTheEnvironmentWithoutFlag() {
    OutpostHome fromEnvironment =
        OutpostHome.resolve(null, Map.of("OUTPOST_HOME", home.toString()), "/home/x");
    assertEquals(home, fromEnvironment.dir());
    assertFalse(fromEnvironment.isDefault());
    OutpostHome byDefault = OutpostHome.resolve(null, Map.of(), "/home/x");
    assertEquals(Path.of("/home/x/.outpost"), byDefault.dir());
    assertTrue(byDefault.isDefault());
    assertEquals(
        Path.of("/elsewhere"),
        OutpostHome.resolve(Path.of("/elsewhere"), Map.of("OUTPOST_HOME", "/x"), "/h").dir());
  }
}
