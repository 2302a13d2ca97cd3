package dev.outpost.it.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.user.Base32;
import dev.outpost.domain.user.Totp;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * TOTP as a user lives it, with the real CLI against the shared cluster: user {@code dana} has a
 * role that requires a second factor, so she cannot log in until she enrols one with {@code
 * outpost mfa enroll}; then a wrong code is refused, a right one logs her in once, and the same
 * code replayed is refused. Codes come from the test's own RFC 6238 computation. Last, an admin
 * removes her: her session stops working and a lock on her name shows in {@code admin locks ls}
 * until it is lifted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalUsersIT {
  private static final String PASSWORD = "correct horse battery staple";

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String user = "dana-" + run;
  private final String role = "strict-" + run;
  private Cli admin;
  private Cli dana;
  private byte[] secret;

  @BeforeAll
  void createUserWithAStrictRole() throws IOException {
    admin = Cli.fresh("mfa-admin-" + run).login("admin", TestCluster.ADMIN_PASSWORD);
    Path file = Files.writeString(Files.createTempFile("role", ".yaml"), """
        kind: role
        name: %s
        allow:
          logins: [root]
          node_labels: {env: [edge]}
        options:
          require_mfa: true
        """.formatted(role));
    admin.json("admin", "roles", "create", "-f", file.toString(), "--format=json");
    admin.invite(user, role, "ubuntu", PASSWORD);
    dana = Cli.fresh(user);
  }

  @Test
  @Order(1)
  void aRoleThatRequiresMfaRefusesTheLoginUntilEnrolled() {
    Command.Result result = login(null);

    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("enrol a one-time code (TOTP) with 'outpost mfa enroll'"),
        result.stderr());
  }

  @Test
  @Order(2)
  void enrolsWithTheCliByPasswordAndACodeOfTheNewSecret() throws Exception {
    Process enroll = dana.start("mfa", "enroll", "--proxy=" + TestCluster.localProxy(),
        "--user=" + user, "--insecure", "--password-stdin");
    StringBuilder output = new StringBuilder();
    try (Writer in = enroll.outputWriter(StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(
            new InputStreamReader(enroll.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(PASSWORD + "\n");
      in.flush();
      while (secret == null) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        output.append(line).append('\n');
        if (line.startsWith("  Secret:")) {
          secret = Base32.decode(line.substring("  Secret:".length()).strip());
        }
      }
      assertNotNull(secret, "no secret shown:\n" + output);
      in.write(Totp.STANDARD.code(secret, Totp.STANDARD.step(Instant.now())) + "\n");
      in.flush();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        output.append(line).append('\n');
      }
      assertTrue(enroll.waitFor(1, TimeUnit.MINUTES), output.toString());
      assertEquals(0, enroll.exitValue(), output.toString());
      assertTrue(output.toString().contains("  URI:    otpauth://totp/" + TestCluster.CLUSTER_NAME
          + ":" + user + "?secret="), output.toString());
      assertTrue(output.toString().contains("TOTP enrolled for " + user), output.toString());
    } finally {
      enroll.destroyForcibly();
    }
  }

  @Test
  @Order(3)
  void aWrongCodeIsRefused() {
    String right = nextCode();
    String wrong = (right.charAt(0) == '9' ? "0" : String.valueOf(right.charAt(0) - '0' + 1))
        + right.substring(1);

    Command.Result result = login(wrong);

    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("invalid user name, password or one-time code"),
        result.stderr());
  }

  @Test
  @Order(4)
  void aRightCodeLogsInOnceAndItsReplayIsRefused() {
    String code = nextCode();

    Command.Result first = login(code);
    assertEquals(0, first.exitCode(), first.stderr());
    assertTrue(first.stdout().startsWith("Logged in as " + user), first.stdout());
    assertTrue(dana.run("status").requireSuccess().stdout().contains(user));

    Command.Result replay = login(code);
    assertEquals(1, replay.exitCode(), replay.stdout() + replay.stderr());
    assertTrue(replay.stderr().contains("invalid user name, password or one-time code"),
        replay.stderr());
  }

  @Test
  @Order(5)
  void anAdminReplacesHerLoginsAndRefusesAnUnknownRole() {
    JsonNode changed = admin.json("admin", "users", "update", user, "--set-logins=root,ubuntu",
        "--format=json");
    assertEquals("[\"root\",\"ubuntu\"]", changed.get("logins").toString());
    assertEquals("[\"" + role + "\"]", changed.get("roles").toString());

    Command.Result unknown = admin.run("admin", "users", "update", user, "--set-roles=no-such-role");
    assertEquals(1, unknown.exitCode(), unknown.stdout());
    assertTrue(unknown.stderr().contains("no such role: no-such-role"), unknown.stderr());
  }

  @Test
  @Order(6)
  void removingTheUserEndsHerSessionAndLocksHerName() {
    assertTrue(admin.json("admin", "users", "ls", "--format=json").toString()
        .contains("\"name\":\"" + user + "\""));

    admin.run("admin", "users", "rm", user).requireSuccess();

    Command.Result status = dana.run("status");
    assertEquals(1, status.exitCode(), status.stdout());
    assertFalse(admin.json("admin", "users", "ls", "--format=json").toString()
        .contains("\"name\":\"" + user + "\""));
    String lockId = null;
    for (JsonNode lock : admin.json("admin", "locks", "ls", "--format=json")) {
      if (user.equals(lock.get("target").asText())) {
        assertEquals("user removed", lock.get("message").asText());
        lockId = lock.get("id").asText();
      }
    }
    assertNotNull(lockId, "removal locks the name");
    admin.run("admin", "locks", "rm", lockId).requireSuccess();
    assertFalse(admin.json("admin", "locks", "ls", "--format=json").toString().contains(lockId));
  }

  /**
   * The code of the step after the current one: the proxy accepts one step either side, and the
   * enrolment used up the current step's code.
   */
  private String nextCode() {
    assertNotNull(secret, "enrolment must run first");
    return Totp.STANDARD.code(secret, Totp.STANDARD.step(Instant.now()) + 1);
  }

  private Command.Result login(String code) {
    List<String> args = new ArrayList<>(List.of("login", "--proxy=" + TestCluster.localProxy(),
        "--user=" + user, "--insecure", "--password-stdin"));
    if (code != null) {
      args.add("--totp=" + code);
    }
    return dana.runWithInput(PASSWORD + "\n", args.toArray(String[]::new));
  }
  @Test
  @Order(7)
  void scriptsCallTheRestApiWithTheLoginCertificateUntilTheUserIsGone() {
    Command.Result users = curlWithCertificate(admin, List.of(), "/api/v1/admin/users");
    assertEquals(0, users.exitCode(), users.stderr() + users.stdout());
    assertTrue(users.stdout().contains("\"name\":\"admin\""), users.stdout());

    Command.Result fromABrowser = curlWithCertificate(admin,
        List.of("-H", "Origin: https://elsewhere.example"), "/api/v1/admin/users");
    assertNotEquals(0, fromABrowser.exitCode(), "a browser's request never rides on a certificate");
    assertTrue(fromABrowser.stdout().contains("not logged in"), fromABrowser.stdout());

    Command.Result removed = curlWithCertificate(dana, List.of(), "/api/v1/nodes");
    assertNotEquals(0, removed.exitCode(), removed.stdout());
    assertTrue(removed.stdout().contains("no longer exists"), removed.stdout());
  }

  @Test
  @Order(8)
  void theAdministrationApiIsDocumentedWithOpenApi() {
    // Payara builds the document from the deployed application some time after a (re)start.
    Command.Result document = openApi();
    for (int attempt = 0; attempt < 30 && !document.stdout().contains("/api/v1/admin/"); attempt++) {
      Polling.sleep(2000);
      document = openApi();
    }
    assertEquals(0, document.exitCode(), document.stderr());
    for (String path : List.of("/api/v1/admin/users", "/api/v1/admin/roles", "/api/v1/admin/locks",
        "/api/v1/admin/tokens")) {
      assertTrue(document.stdout().contains(path + ":"), path + " in " + document.stdout());
    }
  }

  private Command.Result openApi() {
    return Command.run(List.of("curl", "-sS", "--fail-with-body",
        "--cacert", admin.home().resolve("cluster_ca.pem").toString(),
        "https://" + TestCluster.localProxy() + "/openapi"), Map.of(), null, Duration.ofSeconds(30));
  }

  private static Command.Result curlWithCertificate(Cli cli, List<String> options, String path) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body",
        "--cacert", cli.home().resolve("cluster_ca.pem").toString(),
        "--cert", cli.home().resolve("tls.crt").toString(),
        "--key", cli.home().resolve("tls.key").toString()));
    command.addAll(options);
    command.add("https://" + TestCluster.localProxy() + path);
    return Command.run(command, Map.of(), null, Duration.ofSeconds(30));
  }

}
