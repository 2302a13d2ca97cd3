package dev.outpost.it.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Audit and recording as an operator relies on them: a terminal session typed through stock
 * {@code ssh -tt} is recorded at the node, uploaded, exported with {@code outpost recordings
 * export} as asciicast v2 holding exactly what the client saw, and replayed with {@code outpost
 * play}; each action leaves its audit event, found by the CLI's filters; and a session that keeps
 * printing while the node's network is cut for longer than the tunnel's keep-alive, or while the
 * proxy is killed and restarted, is complete on the proxy once it is reachable again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordingIT {
  private static final Duration SSH_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(90);
  /** Longer than the tunnel's 45 s keep-alive timeout: both ends declare the tunnel dead. */
  private static final Duration CUT = Duration.ofSeconds(55);

  private final String node = "rec-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Path sshConfig;
  private Path work;
  private NodeRecords records;

  @BeforeAll
  void startNodeBehindNat() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "recording tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("recording-it"));
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    edge = EdgeHost.create();
    edge.join(admin, node, "env=edge", work.resolve(node));
    sshConfig = admin.sshConfig();
    records = new NodeRecords(admin, node);
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  @Order(1)
  void ptySessionIsRecordedExactlyAsTheClientSawIt() {
    Command.Result session = ssh(List.of("-tt", target()),
        "printf 'recorded-%s\\n' $((6*7)); printf 'caf\\303\\251 \\033[1mbold\\033[0m\\n'; exit\n");
    assertTrue(session.stdout().contains("recorded-42"), session.stdout());

    JsonNode recording = awaitCompleteRecording(r -> true);
    Asciicast cast = Asciicast.parse(export(recording.get("id").asText()));

    assertEquals(session.stdout(), cast.output());
    assertTrue(cast.output().contains("café \u001b[1mbold\u001b[0m"), cast.output());
    assertEquals("root", recording.get("login").asText());
    assertEquals("admin", recording.get("user").asText());
    String sessionId = recording.get("session_id").asText();
    assertFalse(audit("--type=session.start", "--node=" + node).stream()
        .filter(event -> sessionId.equals(event.path("session_id").asText())).toList().isEmpty(),
        "the recording names the session the proxy authorised");
  }

  @Test
  @Order(2)
  void playReplaysTheRecordingAndExportFindsItBySessionToo() {
    JsonNode recording = awaitCompleteRecording(r -> true);
    String byId = export(recording.get("id").asText());
    assertEquals(byId, export(recording.get("session_id").asText()));

    Command.Result played = admin.run("play", recording.get("id").asText(), "--speed=50");
    played.requireSuccess();
    assertEquals(Asciicast.parse(byId).output(), played.stdout());

    String listed = admin.run("recordings", "ls").requireSuccess().stdout();
    assertTrue(listed.contains(recording.get("id").asText()) && listed.contains("complete"), listed);
  }

  @Test
  @Order(10)
  void loginIsAudited() {
    assertFound("user.login", "--user=admin");
  }

  @Test
  @Order(11)
  void failedLoginIsAuditedAsItsOwnType() {
    String nobody = "nobody-" + node;
    Cli.fresh(nobody).runWithInput("wrong\n", "login", "--proxy=" + TestCluster.localProxy(),
        "--user=" + nobody, "--insecure", "--password-stdin");
    JsonNode event = assertFound("user.login.failure", "--user=" + nobody);
    assertEquals("FAILURE", event.get("outcome").asText());
    assertEquals("unknown user", event.get("reason").asText());
  }

  @Test
  @Order(12)
  void tokenCreationIsAudited() {
    assertEquals("node", assertFound("token.create", "--user=admin").get("target").asText());
  }

  @Test
  @Order(13)
  void userCreationIsAudited() {
    String name = "new-" + node;
    admin.run("admin", "users", "add", name, "--roles=access", "--logins=nobody").requireSuccess();
    List<JsonNode> created = audit("--type=user.create", "--user=admin");
    assertTrue(created.stream().anyMatch(event -> name.equals(event.path("target").asText())),
        created.toString());
  }

  @Test
  @Order(14)
  void joinAndNodeOnlineAreAudited() {
    assertFound("join", "--node=" + node);
    assertEquals(node, assertFound("node.online", "--node=" + node).get("actor").asText());
  }

  @Test
  @Order(15)
  void sessionStartAndEndAreAudited() {
    JsonNode start = assertFound("session.start", "--node=" + node);
    assertEquals("root", start.get("login").asText());
    assertFound("session.end", "--node=" + node);
  }

  @Test
  @Order(16)
  void execOnTheNodeIsAuditedOnce() {
    String marker = "exec-marker-" + node;
    ssh(List.of("-o", "BatchMode=yes", target(), "echo " + marker), null).requireSuccess();
    JsonNode event = awaitEvent("exec", e -> e.path("target").asText().contains(marker));
    assertEquals("exit status 0", event.get("reason").asText());
    Polling.sleep(5_000);
    assertEquals(1, audit("--type=exec", "--node=" + node).stream()
        .filter(e -> e.path("target").asText().contains(marker)).count(),
        "delivered at least once, kept exactly once");
  }

  @Test
  @Order(17)
  void scpAndSftpAreAuditedWithTheirPaths() throws IOException {
    Path file = Files.writeString(work.resolve("copied.txt"), "copied");
    // -O: the classic scp protocol, an exec of "scp -t PATH" (without it, scp speaks sftp)
    command(List.of("scp", "-O", "-F", sshConfig.toString(), "-o", "BatchMode=yes", file.toString(),
        target() + ":/tmp/outpost-audit-" + node)).requireSuccess();
    awaitEvent("scp", e -> e.path("target").asText().contains("/tmp/outpost-audit-" + node));

    Path batch = Files.writeString(work.resolve("sftp.batch"), "ls /tmp\n");
    command(List.of("sftp", "-F", sshConfig.toString(), "-b", batch.toString(), target()))
        .requireSuccess();
    awaitEvent("sftp", e -> "root".equals(e.path("login").asText()));
  }

  @Test
  @Order(18)
  void refusedPortForwardingIsAudited() {
    Command.Result forward = ssh(List.of("-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes",
        "-R", "0:127.0.0.1:9", target(), "true"), null);
    assertEquals(255, forward.exitCode(), forward.stderr());
    JsonNode event = awaitEvent("port_forward", e -> e.path("target").asText().startsWith("listen"));
    assertEquals("FAILURE", event.get("outcome").asText());
  }

  @Test
  @Order(19)
  void filtersAndPagingNarrowTheList() {
    List<JsonNode> all = audit("--node=" + node);
    assertTrue(all.size() >= 5, all.toString());
    assertTrue(all.stream().allMatch(event -> node.equals(event.path("node").asText())));
    List<JsonNode> two = audit("--node=" + node, "--limit=2");
    assertEquals(all.subList(0, 2), two);
    String text = admin.run("audit", "--since=30m", "--type=join", "--node=" + node)
        .requireSuccess().stdout();
    assertTrue(text.startsWith("TIME") && text.contains(node), text);
  }

  /**
   * The node's network dies mid-session for longer than the keep-alive, well within the resume
   * grace: the tunnel is declared dead, the session's streams wait and resume when the link
   * returns, so the client sees every line, and the recording on the proxy holds exactly what the
   * client saw, in order, without gaps or repeats.
   */
  @Test
  @Order(100)
  void nothingIsLostWhenTheNodesNetworkIsCutMidSession() throws Exception {
    int recordedBeyondTheClient = printingSessionSurvives("cut", () -> {
      edge.cutNetwork();
      try {
        Polling.sleep(CUT.toMillis());
      } finally {
        edge.restoreNetwork();
      }
    });
    assertEquals(0, recordedBeyondTheClient, "the session resumed: the client saw every line");
    admin.awaitOnline(node, Duration.ofSeconds(90));
  }

  /**
   * The proxy is killed (SIGKILL) and restarted while a session prints: the session resumes
   * through the new proxy, and the recording is whole.
   */
  @Test
  @Order(101)
  void nothingIsLostWhenTheProxyIsKilledMidSession() throws Exception {
    int recordedBeyondTheClient =
        printingSessionSurvives("kill", () -> TestCluster.get().killAndRestartProxy());
    assertEquals(0, recordedBeyondTheClient, "the session resumed: the client saw every line");
    assertFound("node.offline", "--node=" + node);
    admin.awaitOnline(node, Duration.ofSeconds(120));
  }

  /**
   * Runs a session that prints a numbered line every 0.1 s, lets {@code outage} happen once it
   * printed 20, and checks the recording that the node uploads afterwards: complete, starting with
   * exactly what the client saw, every line once and in order.
   *
   * @return how many more lines the recording holds than the client saw
   */
  private int printingSessionSurvives(String name, Runnable outage) throws Exception {
    Instant before = Instant.now();
    Path clientOutput = NodeRecords.clientOutput(work, name);
    Process ssh = NodeRecords.typedSession(sshConfig, target(), work, name,
        "for i in $(seq 1 1000); do echo line-$i; sleep 0.1; done; exit\n");
    try {
      Polling.await("the session prints", Duration.ofSeconds(60),
          () -> NodeRecords.read(clientOutput).contains("line-20\r\n"),
          () -> NodeRecords.read(clientOutput));
      outage.run();
      // 100 s of printing, plus the outage and a redial's backoff when the session resumes
      assertTrue(ssh.waitFor(240, TimeUnit.SECONDS), "the session ends");
    } finally {
      ssh.destroyForcibly();
    }
    String seen = NodeRecords.read(clientOutput);

    JsonNode recording = awaitCompleteRecording(
        r -> Instant.parse(r.get("started").asText()).isAfter(before));
    String recorded = Asciicast.parse(export(recording.get("id").asText())).output();

    assertTrue(recorded.startsWith(seen), "the client saw a prefix of the recording");
    NodeRecords.assertConsecutive(recorded);
    int lastSeen = NodeRecords.lastLine(seen);
    int lastRecorded = NodeRecords.lastLine(recorded);
    assertTrue(lastRecorded >= lastSeen && lastSeen >= 20, lastSeen + " / " + lastRecorded);
    return lastRecorded - lastSeen;
  }

  private JsonNode awaitCompleteRecording(Predicate<JsonNode> which) {
    return records.awaitCompleteRecording(which, UPLOAD_TIMEOUT);
  }

  private String export(String id) {
    return records.export(id);
  }

  private List<JsonNode> audit(String... filters) {
    return records.audit(filters);
  }

  private JsonNode assertFound(String type, String filter) {
    return awaitEvent(type, event -> true, filter);
  }

  private JsonNode awaitEvent(String type, Predicate<JsonNode> which, String... filters) {
    List<String> args = new ArrayList<>(List.of("--type=" + type));
    args.addAll(List.of(filters).isEmpty() ? List.of("--node=" + node) : List.of(filters));
    JsonNode[] found = {null};
    List<JsonNode> last = new ArrayList<>();
    Polling.await(type + " event " + args, Duration.ofSeconds(30), () -> {
      last.clear();
      last.addAll(audit(args.toArray(String[]::new)));
      found[0] = last.stream().filter(which).findFirst().orElse(null);
      return found[0] != null;
    }, last::toString);
    assertEquals(type, found[0].get("type").asText());
    assertNotNull(found[0].get("cluster"));
    return found[0];
  }

  private String target() {
    return "root@" + node + "." + TestCluster.CLUSTER_NAME;
  }

  private Command.Result ssh(List<String> args, String stdin) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", sshConfig.toString()));
    command.addAll(args);
    return Command.run(command, Map.of(), stdin, SSH_TIMEOUT);
  }

  private static Command.Result command(List<String> command) {
    return Command.run(command, Map.of(), null, SSH_TIMEOUT);
  }
}
