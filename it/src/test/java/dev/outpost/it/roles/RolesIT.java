package dev.outpost.it.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Roles as users live them. Three nodes behind the edge firewall: {@code env=edge}, {@code
 * env=edge,secure=true} and {@code env=lab}. User {@code bob} has role {@code edge-ops} (login root
 * on env=edge, secure nodes denied, no port forwarding, no file copy, 1 h sessions); user {@code
 * carol} has role {@code edge-fwd}, the same but with port forwarding, as the control that shows
 * forwarding works where a role allows it. The lock test comes last: it locks bob out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolesIT {
  private static final Duration SSH_TIMEOUT = Duration.ofMinutes(2);
  private static final String PASSWORD = "correct horse battery staple";
  private static final int ECHO_PORT = 2223;

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String edgeNode = "re-" + run;
  private final String secureNode = "rs-" + run;
  private final String labNode = "rl-" + run;
  private EdgeHost edge;
  private Path work;
  private Cli admin;
  private Cli bob;
  private Cli carol;

  @BeforeAll
  void startNodesAndUsers() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "end-to-end SSH tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("roles-it"));
    admin = Cli.fresh("roles-admin-" + run).login("admin", TestCluster.ADMIN_PASSWORD);
    applyRole("edge-ops", false);
    applyRole("edge-fwd", true);
    edge = EdgeHost.create();
    startAgent(edgeNode, "env=edge");
    startAgent(secureNode, "env=edge,secure=true");
    startAgent(labNode, "env=lab");
    for (String node : List.of(edgeNode, secureNode, labNode)) {
      admin.awaitOnline(node, Duration.ofSeconds(90));
    }
    edge.spawn(List.of("bash", "-c", "while true; do echo greeting | nc -l -p " + ECHO_PORT + " -q 1; done"),
        work.resolve("echo.log"));
    bob = admin.addUser("bob-" + run, "edge-ops", "ubuntu", PASSWORD);
    bob.login("bob-" + run, PASSWORD, "--ttl=8h");
    carol = admin.addUser("carol-" + run, "edge-fwd", "ubuntu", PASSWORD);
  }

  @AfterAll
  void stopNodes() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  @Order(1)
  void rolesAreListedWithTheBuiltinOnes() {
    JsonNode roles = admin.json("admin", "roles", "ls", "--format=json");
    List<String> names = new ArrayList<>();
    roles.forEach(role -> names.add(role.get("name").asText()));
    assertTrue(names.containsAll(List.of("access", "admin", "edge-ops", "edge-fwd")), names.toString());
    Command.Result invalid = admin.run("admin", "roles", "create", "-f",
        write("invalid.yaml", "kind: role\nname: broken\nallow:\n  node_lables: {env: edge}\n").toString());
    assertEquals(1, invalid.exitCode());
    assertTrue(invalid.stderr().contains("allow: unknown field 'node_lables'"), invalid.stderr());
    assertNotEquals(0, admin.run("admin", "roles", "rm", "access").exitCode(), "built-in roles stay");
  }

  @Test
  @Order(2)
  void userSeesOnlyTheNodesTheirRolesReach() {
    assertNotNull(bob.listed(edgeNode), "env=edge node listed");
    assertNull(bob.listed(secureNode), "secure=true node is denied, so not listed");
    assertNull(bob.listed(labNode), "env=lab node is not allowed, so not listed");
    assertNotNull(admin.json("admin", "nodes", "ls", "--format=json").findValues("name").stream()
        .filter(name -> name.asText().equals(labNode)).findFirst().orElse(null), "admins see every node");
  }

  @Test
  @Order(3)
  void sessionLifetimeIsCappedByTheRole() {
    Instant expires = Instant.parse(bob.json("status", "--format=json").get("expires").asText());
    assertTrue(expires.isBefore(Instant.now().plus(Duration.ofMinutes(61))), "capped at 1h: " + expires);
  }

  @Test
  @Order(4)
  void userReachesAnAllowedNodeWithStockSsh() {
    Command.Result result = ssh(bob, "root", edgeNode, List.of(), null, "echo", "reached");
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("reached"), result.stdout());
  }

  @Test
  @Order(5)
  void deniedNodeIsRefusedNamingTheRule() {
    Command.Result result = ssh(bob, "root", secureNode, List.of(), null, "true");
    assertEquals(255, result.exitCode());
    assertTrue(result.stderr().contains("role edge-ops denies nodes with secure=[true]"), result.stderr());
  }

  @Test
  @Order(6)
  void loginNotGrantedIsRefusedNamingTheRule() {
    Command.Result result = ssh(bob, "ubuntu", edgeNode, List.of(), null, "true");
    assertEquals(255, result.exitCode());
    assertTrue(result.stderr().contains("no role of [edge-ops] allows login ubuntu on node " + edgeNode),
        result.stderr());
  }

  @Test
  @Order(7)
  void portForwardingOnlyWhereARoleAllowsIt() throws Exception {
    Command.Result forwarded = ssh(carol, "root", edgeNode, List.of("-W", "127.0.0.1:" + ECHO_PORT), "");
    assertTrue(forwarded.stdout().contains("greeting"), "edge-fwd forwards: " + forwarded.stderr());

    String refusal = localForwardRefusal(bob);
    assertTrue(refusal.contains("administratively prohibited"), refusal);
  }

  @Test
  @Order(8)
  void fileCopyOnlyWhereARoleAllowsIt() throws IOException {
    Path file = write("copy.txt", "payload");
    String remote = "/tmp/roles-it-" + run;
    Command.Result refused = scp(bob, List.of(file.toString(), "root@" + edgeNode + "." + TestCluster.CLUSTER_NAME + ":" + remote));
    assertNotEquals(0, refused.exitCode(), refused.stderr());
    Command.Result legacy = scp(bob, List.of("-O", file.toString(), "root@" + edgeNode + "." + TestCluster.CLUSTER_NAME + ":" + remote));
    assertNotEquals(0, legacy.exitCode());
    assertTrue(legacy.stderr().contains("file copy (scp, sftp, rsync) is not permitted by your roles"), legacy.stderr());
    assertEquals(1, ssh(bob, "root", edgeNode, List.of(), null, "test", "-e", remote).exitCode(), "nothing was copied");
  }

  /**
   * What the tests above did is in the audit log, found by the filters a user would use: the
   * roles the admin created (and the invalid one refused), and bob's refused session with the
   * rule that refused it.
   */
  @Test
  @Order(9)
  void roleCreationAndRefusedAccessAreAudited() {
    awaitOneEvent("--type=role.create", "--user=admin");
    List<String> created = audited("--type=role.create", "--user=admin").stream()
        .map(e -> e.path("outcome").asText() + " " + e.path("reason").asText()).toList();
    assertTrue(created.containsAll(List.of("SUCCESS role edge-ops", "SUCCESS role edge-fwd")), created.toString());
    assertTrue(created.stream().anyMatch(e -> e.startsWith("FAILURE ") && e.contains("unknown field 'node_lables'")),
        "the invalid role's refusal: " + created);
    JsonNode denied = awaitOneEvent("--type=access.denied", "--user=bob-" + run, "--node=" + secureNode);
    assertEquals("FAILURE", denied.path("outcome").asText(), denied.toString());
    assertEquals("root", denied.path("login").asText(), denied.toString());
    assertTrue(denied.path("reason").asText().contains("role edge-ops denies nodes with secure=[true]"),
        denied.toString());
    assertTrue(audited("--type=access.denied", "--user=carol-" + run).isEmpty(), "carol was never refused");
  }

  @Test
  @Order(100)
  void lockEndsTheLiveSessionAndBlocksTheNext() throws Exception {
    Path output = work.resolve("live-session.out");
    Process live = new ProcessBuilder(sshCommand(bob, "root", edgeNode, List.of(), "echo started; sleep 120"))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    awaitContent(output, "started", Duration.ofSeconds(60));

    Instant locked = Instant.now();
    admin.run("admin", "lock", "--user=bob-" + run, "--ttl=10m", "--message=incident " + run).requireSuccess();
    assertTrue(live.waitFor(15, TimeUnit.SECONDS), "the live session ends within seconds of the lock");
    Duration took = Duration.between(locked, Instant.now());
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "ended after " + took);

    Command.Result next = ssh(bob, "root", edgeNode, List.of(), null, "true");
    assertEquals(255, next.exitCode());
    assertTrue(next.stderr().contains("is locked until") && next.stderr().contains("incident " + run), next.stderr());
  }

  /** The first event the audit filters find, once there is one (events are written in batches). */
  private JsonNode awaitOneEvent(String... filters) {
    return Polling.awaitValue("audit event " + List.of(filters), Duration.ofSeconds(30),
        () -> audited(filters).stream().findFirst().orElse(null));
  }

  private List<JsonNode> audited(String... filters) {
    List<String> args = new ArrayList<>(List.of("audit", "--since=1h", "--format=json"));
    args.addAll(List.of(filters));
    List<JsonNode> events = new ArrayList<>();
    admin.run(args.toArray(String[]::new)).requireSuccess().stdout().lines()
        .filter(line -> !line.isBlank()).forEach(line -> events.add(Cli.parseJson(line)));
    return events;
  }

  /** {@code ssh -L} through the role's certificate; returns what ssh said about the forwarded connection. */
  private String localForwardRefusal(Cli user) throws Exception {
    int localPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      localPort = free.getLocalPort();
    }
    Path log = work.resolve("forward-" + run + ".log");
    List<String> command = sshCommand(user, "root", edgeNode,
        List.of("-N", "-L", "127.0.0.1:" + localPort + ":127.0.0.1:" + ECHO_PORT));
    Process forward = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Instant deadline = Instant.now().plusSeconds(60);
      while (true) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), localPort)) {
          socket.setSoTimeout(10_000);
          InputStream in = socket.getInputStream();
          String received = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertEquals("", received, "nothing may come through a refused forward");
          break;
        } catch (ConnectException notYet) {
          assertTrue(forward.isAlive(), "ssh -L ended early: " + Files.readString(log));
          assertTrue(Instant.now().isBefore(deadline), "ssh -L did not listen: " + Files.readString(log));
          Thread.sleep(200);
        }
      }
      awaitContent(log, "open failed", Duration.ofSeconds(10));
      return Files.readString(log);
    } finally {
      forward.destroyForcibly();
    }
  }

  private void applyRole(String name, boolean portForwarding) {
    Path file = write(name + ".yaml", """
        kind: role
        name: %s
        allow:
          logins: [root]
          node_labels: {env: [edge]}
        deny:
          node_labels: {secure: 'true'}
        options:
          max_session_ttl: 1h
          port_forwarding: %s
          file_copy: false
        """.formatted(name, portForwarding));
    JsonNode applied = admin.json("admin", "roles", "create", "-f", file.toString(), "--format=json");
    assertEquals(name, applied.get("name").asText());
  }

  private void startAgent(String name, String labels) {
    JsonNode token = admin.json("admin", "tokens", "add", "--type=node", "--ttl=10m", "--format=json");
    edge.startAgent(name, labels, token.get("token").asText(), token.get("ca_pin").asText(), work.resolve(name));
  }

  private Command.Result ssh(Cli user, String login, String node, List<String> options, String stdin,
      String... remote) {
    return Command.run(sshCommand(user, login, node, options, remote), Map.of(), stdin, SSH_TIMEOUT);
  }

  /** Stock {@code ssh} with the user's {@code outpost config}, {@code options} before the destination. */
  private static List<String> sshCommand(Cli user, String login, String node, List<String> options, String... remote) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", user.sshConfig().toString(), "-o", "BatchMode=yes"));
    command.addAll(options);
    command.add(login + "@" + node + "." + TestCluster.CLUSTER_NAME);
    command.addAll(List.of(remote));
    return command;
  }

  private static Command.Result scp(Cli user, List<String> args) {
    List<String> command = new ArrayList<>(List.of("scp", "-F", user.sshConfig().toString(), "-o", "BatchMode=yes"));
    command.addAll(args);
    return Command.run(command, Map.of(), null, SSH_TIMEOUT);
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(work.resolve(run + "-" + name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitContent(Path file, String text, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("'" + text + "' did not appear in " + file + ": "
        + (Files.exists(file) ? Files.readString(file) : "(no file)"));
  }
}
