package dev.outpost.it.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import dev.outpost.tunnel.EndToEndPoint;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * The proxy is killed (SIGKILL) and started again while stock {@code ssh} works through {@code
 * outpost proxy ssh}: the CLI and the agent both reconnect and resume the session end to end
 * (every number once, in order, from the same remote process; one {@code session.start}, one
 * {@code session.end}); another user who learnt the stream's key and session cannot take it over,
 * and is audited trying. One agent in a network namespace; one restart per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyRestartIT {
  /** A proxy restart plus an agent's redial backoff (30 s at most), then the rest of the session. */
  private static final Duration SESSION_END = Duration.ofMinutes(4);
  private static final Pattern STARTED =
      Pattern.compile("ssh session ([0-9a-f-]{36}) \\(user [^,]+, login [^,]+, stream key ([0-9a-f]{32})\\) started");
  private static final String MALLORY_PASSWORD = "mallory correct horse";

  private final String node = "restart-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Path sshConfig;
  private Path work;

  @BeforeAll
  void startNode() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "proxy restart tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("restart-it"));
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    sshConfig = admin.sshConfig();
    edge = EdgeHost.create();
    edge.join(admin, node, "env=edge", work.resolve(node));
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  /**
   * Stock {@code ssh} prints a numbered line every 100 ms; the proxy is killed and started again:
   * output pauses, then every number arrives once, in order, from the same remote process, and the
   * session is audited as one session.
   */
  @Test
  @Order(1)
  void stockSshSurvivesAProxyKilledAndStartedAgain(TestReporter report) throws Exception {
    Instant before = Instant.now();
    NumberedSession session =
        NumberedSession.stockSsh(work, sshConfig, target(), "restart", 600);
    Instant killed = Instant.now();
    TestCluster.get().killAndRestartProxy();
    Instant ready = Instant.now();
    int printedAtReady = session.printed();
    while (session.printed() == printedAtReady) {
      assertTrue(Instant.now().isBefore(ready.plus(SESSION_END)), "the session resumes");
      Thread.sleep(20);
    }
    Instant resumed = Instant.now();
    String measured = "first resumed byte " + Duration.between(ready, resumed).toMillis()
        + " ms after the restarted proxy answered, "
        + Duration.between(killed, resumed).toMillis() + " ms after the kill (restart "
        + Duration.between(killed, ready).toMillis() + " ms)";
    System.out.println("ProxyRestartIT: " + measured);
    report.publishEntry("resume", measured);

    session.assertWhole(SESSION_END);
    JsonNode start = audited("session.start", before, event -> node.equals(event.path("node").asText()));
    String id = start.get("session_id").asText();
    List<JsonNode> ends = Polling.awaitValue("the session's end", Duration.ofSeconds(30), () -> {
      List<JsonNode> found = all("session.end", before, event -> id.equals(event.path("session_id").asText()));
      return found.isEmpty() ? null : found;
    });
    assertEquals(1, ends.size(), "one session.end: " + ends);
    assertEquals(1, all("session.start", before, event -> id.equals(event.path("session_id").asText())).size(),
        "the resume started no second session");
    assertEquals(List.of(), all("access.denied", before, event -> node.equals(event.path("node").asText())),
        "nothing refused");
  }

  /**
   * While the owner's client is stopped after a restart, another user with valid credentials names
   * its stream key: with the owner's session the proxy refuses, with a session of her own the node
   * does; both are audited as access.denied. The owner's client then resumes the session whole.
   */
  @Test
  @Order(2)
  void anotherUserCannotResumeTheStream() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(120));
    String mallory = "mallory-" + node;
    AdminTasks.createUser(admin, mallory, "access", "root", MALLORY_PASSWORD);
    Cli malloryCli = Cli.fresh(mallory).login(mallory, MALLORY_PASSWORD);
    Instant before = Instant.now();
    NumberedSession session =
        NumberedSession.stockSsh(work, sshConfig, target(), "victim", 400);
    Matcher victim = lastStarted();
    String victimSession = victim.group(1);
    String key = victim.group(2);
    List<ProcessHandle> client = session.ssh().toHandle().descendants()
        .filter(process -> process.info().commandLine().orElse("").contains("proxy ssh"))
        .toList();
    assertTrue(!client.isEmpty(), "outpost proxy ssh runs under ssh");
    signal("STOP", client);
    try {
      TestCluster.get().killAndRestartProxy();
      admin.awaitOnline(node, Duration.ofSeconds(120));

      String withVictimsSession = resumeAs(malloryCli, key, victimSession);
      assertEquals("resume refused: session " + victimSession + " belongs to another user",
          withVictimsSession);

      run(malloryCli, "true");
      String ownSession = audited("session.start", before,
          event -> mallory.equals(event.path("actor").asText())).get("session_id").asText();
      String withOwnSession = resumeAs(malloryCli, key, ownSession);
      assertEquals("resume refused: stream " + key + " belongs to another user or session",
          withOwnSession);

      List<JsonNode> denied = Polling.awaitValue("both refusals audited", Duration.ofSeconds(30), () -> {
        List<JsonNode> found = all("access.denied", before, event -> mallory.equals(event.path("actor").asText()));
        return found.size() >= 2 ? found : null;
      });
      assertTrue(denied.stream().anyMatch(event -> event.path("reason").asText()
          .contains("belongs to another user or session")), denied.toString());
      assertTrue(denied.stream().anyMatch(event -> event.path("reason").asText()
          .contains("session " + victimSession + " belongs to another user")), denied.toString());
    } finally {
      signal("CONT", client);
    }
    session.assertWhole(SESSION_END);
  }

  /** Asks the proxy, as {@code user}, to resume stream {@code key} of {@code session}; returns why it refused. */
  private static String resumeAs(Cli user, String key, String session) throws Exception {
    KeyPair keyPair;
    try (InputStream in = Files.newInputStream(user.home().resolve("key"))) {
      keyPair = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("key"), in, null)
          .iterator().next();
    }
    String certificate = Files.readString(user.home().resolve("key-cert.pub")).strip();
    TunnelConnection tunnel = WebSocketDialer.dial(
        URI.create("wss://" + TestCluster.localProxy() + "/api/v1/tunnel/client"),
        TestCluster.get().trustContext(), Map.of(), TunnelSettings.defaults(),
        new CertificateProver(keyPair, certificate), StreamAcceptor.REFUSE_ALL, Duration.ofSeconds(30));
    try {
      TunnelStream stream = tunnel.open("resume?key=" + key + "&session=" + session + "&"
          + new EndToEndPoint(0, 0, 0, false).fields());
      stream.input().readAllBytes();
      throw new AssertionError("the proxy relayed " + user.home() + "'s claim of stream " + key);
    } catch (IOException refused) {
      return refused.getMessage();
    } finally {
      tunnel.close("done");
    }
  }

  private void run(Cli user, String command) {
    Path config = user.sshConfig();
    Command.run(List.of("ssh", "-F", config.toString(), "-o", "BatchMode=yes", target(), command),
        Map.of(), null, Duration.ofSeconds(60)).requireSuccess();
  }

  private static void signal(String signal, List<ProcessHandle> processes) {
    for (ProcessHandle process : processes) {
      Command.run(List.of("kill", "-" + signal, Long.toString(process.pid())), Map.of(), null,
          Duration.ofSeconds(10)).requireSuccess();
    }
  }

  /** The agent's last "ssh session … started" line: the session id and the stream key. */
  private Matcher lastStarted() throws IOException {
    Matcher matcher = STARTED.matcher(Files.readString(work.resolve(node + ".log")));
    Matcher last = null;
    while (matcher.find()) {
      last = STARTED.matcher(matcher.group());
      last.matches();
    }
    assertTrue(last != null, "the agent logs each session with its stream key");
    return last;
  }

  private String target() {
    return "root@" + node + "." + TestCluster.CLUSTER_NAME;
  }

  private JsonNode audited(String type, Instant since, Predicate<JsonNode> which) {
    return Polling.awaitValue("a " + type + " event", Duration.ofSeconds(30), () -> {
      List<JsonNode> found = all(type, since, which);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  /** Audit events of {@code type} since {@code since} that {@code which} accepts. */
  private List<JsonNode> all(String type, Instant since, Predicate<JsonNode> which) {
    String lines = admin.run("audit", "--since=15m", "--type=" + type, "--format=json").requireSuccess().stdout();
    return lines.lines().filter(line -> !line.isBlank()).map(Cli::parseJson)
        .filter(event -> !Instant.parse(event.get("time").asText()).isBefore(since.minusSeconds(1)))
        .filter(which)
        .toList();
  }
}
