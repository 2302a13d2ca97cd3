package dev.outpost.it.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.bench.setup.SimulatedAgents;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Cli;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import dev.outpost.it.console.ConsoleHttp;
import dev.outpost.it.console.TerminalClient;
import dev.outpost.launcher.AdminSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * A node's uplink fails the ways cellular links do while users work through it (stock {@code ssh},
 * {@code outpost ssh}, a web terminal): silently for 45 s, for a few seconds, while keys are typed,
 * coming back from another address, lossy, or gone for longer than the
 * proxy's resume grace; and another node tries to take over its tunnel session meanwhile. One
 * agent in a network namespace serves every test, with a short keep-alive (idle timeout {@value
 * #IDLE_TIMEOUT_SECONDS} s) so that its tunnel is declared lost within seconds of a cut. The tests
 * run in order; each leaves the node connected, except the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkDropIT {
  private static final int IDLE_TIMEOUT_SECONDS = 3;
  /** As long as a cellular uplink's typical drop. */
  private static final Duration LONG_OUTAGE = Duration.ofSeconds(45);
  /** Long enough for the agent to declare its tunnel lost. */
  private static final Duration SHORT_OUTAGE = Duration.ofSeconds(2L * IDLE_TIMEOUT_SECONDS);
  /** Up to a 30 s redial backoff after the link returns, then the rest of the session. */
  private static final Duration SESSION_END = Duration.ofMinutes(3);
  private static final Pattern SESSION_ID = Pattern.compile("tunnel session ([0-9a-f]{32})");

  private static final String WEB_PASSWORD = "link correct horse";

  private final String node = "link-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Path sshConfig;
  private Path work;

  @BeforeAll
  void startNodeWithShortKeepAlive() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "link-drop tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("link-it"));
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    sshConfig = admin.sshConfig();
    edge = EdgeHost.create();
    edge.join(admin, node, "env=edge", work.resolve(node),
        "--tunnel-ping-interval=PT1S", "--tunnel-idle-timeout=PT" + IDLE_TIMEOUT_SECONDS + "S");
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  /**
   * Stock {@code ssh} runs a command that prints a numbered line every 100 ms; the uplink goes
   * silent for 45 s: output pauses, then every number arrives once, in order, from the same
   * remote process.
   */
  @Test
  @Order(1)
  void aSessionSurvivesAFortyFiveSecondOutage() throws Exception {
    Instant before = Instant.now();
    NumberedSession session = stockSsh("long", 600);
    int lostBefore = count(log(), "keep-alive timeout");
    edge.cutLink();
    try {
      Thread.sleep(LONG_OUTAGE.toMillis());
      assertTrue(count(log(), "keep-alive timeout") > lostBefore, "the agent noticed the loss: " + log());
    } finally {
      edge.restoreLink();
    }
    session.assertWhole(SESSION_END);
    assertTrue(log().contains(", resuming "), "the agent resumed its session: " + log());
    assertNull(audited("node.offline", before, event -> node.equals(event.path("node").asText())),
        "a resumed tunnel never takes the node offline, whichever side noticed the loss first");
  }

  /**
   * Lines typed into an interactive {@code ssh -tt} while the link is cut wait, and reach the
   * remote {@code cat} in order once it returns.
   */
  @Test
  @Order(2)
  void typedInputDuringTheOutageArrivesInOrder() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    Path output = work.resolve("typed.out");
    Process ssh = new ProcessBuilder("ssh", "-F", sshConfig.toString(), "-o", "BatchMode=yes", "-tt",
            target(), "stty -echo; echo ready; exec cat")
        .redirectOutput(output.toFile())
        .redirectError(work.resolve("typed.err").toFile())
        .start();
    try (OutputStream keys = ssh.getOutputStream()) {
      NumberedSession.awaitLine(output, "ready", Duration.ofSeconds(60));
      type(keys, "before");
      NumberedSession.awaitLine(output, "before", Duration.ofSeconds(30));
      List<String> typed = IntStream.rangeClosed(1, 20).mapToObj(i -> "typed-" + i).toList();
      Instant cut = Instant.now();
      edge.cutLink();
      try {
        for (String line : typed) {
          type(keys, line);
          Thread.sleep(200);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), cut.plus(SHORT_OUTAGE)).toMillis()));
      } finally {
        edge.restoreLink();
      }
      type(keys, "after");
      NumberedSession.awaitLine(output, "after", SESSION_END);
      List<String> expected = new ArrayList<>(List.of("ready", "before"));
      expected.addAll(typed);
      expected.add("after");
      assertEquals(expected, Files.readAllLines(output, StandardCharsets.UTF_8),
          "every typed line once, in order");
      keys.write(4); // ^D: end of input for cat
      keys.flush();
      assertTrue(ssh.waitFor(30, TimeUnit.SECONDS), "ssh ends when cat does");
      assertEquals(0, ssh.exitValue(), Files.readString(work.resolve("typed.err")));
    } finally {
      ssh.destroyForcibly();
    }
  }

  /**
   * The device comes back from another address, as a cellular modem that reattached does: the
   * agent's tunnel resumes from there, the session goes on, and the proxy records the new address.
   */
  @Test
  @Order(3)
  void theSessionResumesFromANewSourceAddress() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    Instant before = Instant.now();
    String moved = edge.address().equals("10.231.0.3") ? "10.231.0.2" : "10.231.0.3";
    NumberedSession session = stockSsh("moved", 150);
    edge.cutLink();
    try {
      edge.readdress(moved + "/24");
      Thread.sleep(SHORT_OUTAGE.toMillis());
    } finally {
      edge.restoreLink();
    }
    session.assertWhole(SESSION_END);
    JsonNode online = Polling.awaitValue("a node.online event from " + moved, Duration.ofSeconds(30),
        () -> audited("node.online", before, event -> moved.equals(event.path("remote_addr").asText())));
    assertEquals(node, online.get("node").asText());
  }

  /**
   * The real CLI's {@code outpost ssh} (its own MINA client through its own tunnel to the proxy)
   * runs the numbered command while the agent's link drops just long enough to be declared lost:
   * every number once, in order, from the same remote process.
   */
  @Test
  @Order(4)
  void anOutpostSshSessionSurvivesAnOutage() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    NumberedSession session = NumberedSession.start(work, "cli", 150,
        (command, output, errors) -> admin.start(output, errors, "ssh", "root@" + node, command));
    int logged = outage(SHORT_OUTAGE);
    session.assertWhole(SESSION_END);
    assertResumedSince(logged);
  }

  /**
   * A web terminal (the console's terminal WebSocket, as the browser speaks it) prints a numbered
   * line every 100 ms while the agent's link drops: the proxy's SSH client of the node waits out
   * the outage, and the output goes on in order with nothing lost or repeated.
   */
  @Test
  @Order(5)
  void aWebTerminalSurvivesAnOutage() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    String user = "web-" + node;
    AdminTasks.createUser(admin, user, "access", "root", WEB_PASSWORD);
    ConsoleHttp.Session browser = ConsoleHttp.session(user, WEB_PASSWORD);
    TerminalClient terminal = new TerminalClient();
    ConsoleHttp.terminal(ConsoleHttp.ORIGIN, browser.cookie(), browser.csrf(), node, "root", terminal)
        .get(60, TimeUnit.SECONDS);
    try {
      terminal.session.get(60, TimeUnit.SECONDS);
      int lines = 150;
      terminal.type("stty raw -echo; printf 'RE''ADY\\n'; for i in $(seq 1 " + lines
          + "); do echo $i; sleep 0.1; done; printf 'DO''NE\\n'\r", 1024);
      terminal.awaitAfter("READY\n", numbers(20).length(), Duration.ofSeconds(60));
      int logged = outage(SHORT_OUTAGE);
      String expected = numbers(lines) + "DONE\n";
      assertEquals(expected, terminal.awaitAfter("READY\n", expected.length(), SESSION_END),
          "every number once, in order");
      assertResumedSince(logged);
    } finally {
      terminal.close();
    }
  }

  /**
   * While the node's link is down and its session waits, another node, with its own valid host
   * certificate, claims the first one's tunnel session and stream ids: the proxy refuses and
   * audits it, and the real agent resumes its session when the link returns.
   */
  @Test
  @Order(6)
  void aForgedResumeIsRefusedAndAudited() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    Instant before = Instant.now();
    String victim = lastSessionId();
    String forger = node + "-forger";
    NumberedSession session = stockSsh("forged", 150);
    int logged = log().length();
    String answer;
    try (SimulatedAgents other = SimulatedAgents.join(TestCluster.get(), TestCluster.localProxy(),
        AdminSession.login(TestCluster.get(), TestCluster.ADMIN_PASSWORD), forger, 1)) {
      edge.cutLink();
      try {
        boolean aborted = edge.abortProxyConnections(); // or the proxy's keep-alive notices (45 s)
        Polling.awaitValue("node " + node + " reconnecting", Duration.ofSeconds(aborted ? 30 : 90),
            () -> {
              JsonNode entry = admin.listed(node);
              return entry != null && entry.get("reconnecting").asBoolean() ? entry : null;
            });
        answer = ForgedResume.attempt(other.tls(), other.endpoint(), other.identities().get(0),
            victim, List.of(2, 4, 6, 8, 10, 12, 14, 16));
      } finally {
        edge.restoreLink();
      }
    }
    assertTrue(answer.startsWith("GOAWAY UNAUTHENTICATED: resume refused"), answer);
    session.assertWhole(SESSION_END);
    assertTrue(log().substring(logged).contains("tunnel session " + victim + ", resuming "),
        "the real agent resumed its own session: " + log().substring(logged));
    JsonNode refused = Polling.awaitValue("a failed tunnel.auth of " + forger, Duration.ofSeconds(30),
        () -> audited("tunnel.auth", before, event -> event.path("node").asText().equals(forger + "-0")
            && "FAILURE".equals(event.path("outcome").asText())));
    assertTrue(refused.get("reason").asText().contains("resume refused: tunnel session " + victim
        + " belongs to node " + node), refused.toString());
  }

  /**
   * A 20 MiB {@code scp} over a link that loses 20 % of its packets either way and delays them by
   * 300 ms arrives whole. Where the kernel has no netem, the delay is made by a relay in the edge's
   * namespace that holds every chunk 300 ms each way (said in the report); without the packet
   * filter's statistic match the test is skipped.
   */
  @Test
  @Order(7)
  void aLargeCopyCompletesOverALossyLink(TestReporter report) throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    Path original = work.resolve("lossy.bin");
    byte[] content = new byte[20 * 1024 * 1024];
    new SecureRandom().nextBytes(content);
    Files.write(original, content);
    Path copy = work.resolve("lossy.copy");
    try {
      String delay = edge.delayTraffic(Duration.ofMillis(300));
      System.out.println("LinkDropIT: " + delay);
      report.publishEntry("delay", delay);
      awaitRedial("the agent's tunnel made again under the delay");
      Assumptions.assumeTrue(edge.losePackets(0.2),
          "skipped: this kernel's packet filter cannot drop packets at random (no statistic match)");
      Process scp = new ProcessBuilder("scp", "-F", sshConfig.toString(), "-o", "BatchMode=yes",
              original.toString(), target() + ":" + copy)
          .redirectErrorStream(true)
          .redirectOutput(work.resolve("lossy.log").toFile())
          .start();
      assertTrue(scp.waitFor(5, TimeUnit.MINUTES), "scp completes");
      assertEquals(0, scp.exitValue(), Files.readString(work.resolve("lossy.log")));
    } finally {
      edge.clearImpairments();
    }
    // the next test must not open its session while the agent is still redialling without the relay
    awaitRedial("the agent's tunnel made again without the delay");
    assertEquals(sha256(content), sha256(Files.readAllBytes(copy)), "the copy is whole");
  }

  /**
   * The link stays down past the proxy's resume grace: the user's {@code ssh} ends with a message
   * naming the grace, {@code session.end} says why, and the node is listed offline, last seen
   * when the link was lost rather than when the grace ran out.
   */
  @Test
  @Order(8)
  void pastTheResumeGraceTheSessionEndsAndTheNodeIsOfflineSinceTheLoss() throws Exception {
    admin.awaitOnline(node, Duration.ofSeconds(90));
    Instant before = Instant.now();
    Path output = work.resolve("grace.out");
    Path errors = work.resolve("grace.err");
    Process ssh = new ProcessBuilder("ssh", "-F", sshConfig.toString(), "-o", "BatchMode=yes", target(),
            "for i in $(seq 1 6000); do echo $i; sleep 0.1; done")
        .redirectOutput(output.toFile())
        .redirectError(errors.toFile())
        .start();
    String grace = TestCluster.RESUME_GRACE.toString();
    Instant lost = null;
    try {
      NumberedSession.awaitLine(output, "20", Duration.ofSeconds(60));
      lost = Instant.now();
      edge.cutLink();
      boolean aborted = edge.abortProxyConnections();
      // Without socket destroy the proxy notices the loss by its own keep-alive (45 s by default).
      Duration noticed = aborted ? Duration.ZERO : Duration.ofSeconds(75);
      assertTrue(ssh.waitFor(TestCluster.RESUME_GRACE.plus(noticed).plusSeconds(30).toSeconds(), TimeUnit.SECONDS),
          "ssh ends once the grace has run out");
      assertTrue(Duration.between(lost, Instant.now()).compareTo(TestCluster.RESUME_GRACE) >= 0,
          "not before the grace ran out");
      assertNotEquals(0, ssh.exitValue());
      String said = Files.readString(errors);
      assertTrue(said.contains("not resumed within " + grace), "the user is told why: " + said);

      JsonNode ended = Polling.awaitValue("session.end naming the grace", Duration.ofSeconds(30),
          () -> audited("session.end", before, event -> node.equals(event.path("node").asText())
              && event.path("reason").asText().contains("not resumed within " + grace)));
      assertTrue(ended.get("reason").asText().contains("link lost"), ended.toString());

      JsonNode listed = Polling.awaitValue("node " + node + " listed offline", Duration.ofSeconds(30), () -> {
        JsonNode entry = admin.listed(node);
        return entry != null && !entry.get("online").asBoolean() && !entry.get("reconnecting").asBoolean()
            ? entry : null;
      });
      Instant lastSeen = Instant.parse(listed.get("last_seen").asText());
      assertTrue(lastSeen.isAfter(lost.minusSeconds(5)) && lastSeen.isBefore(lost.plusSeconds(5)),
          "last seen when the link was lost (" + lost + "), not when the grace ran out: " + listed);
      String text = admin.run("ls").requireSuccess().stdout();
      assertTrue(text.lines().anyMatch(line -> line.startsWith(node + " ") && line.contains("offline since")),
          text);
    } finally {
      if (lost != null) {
        edge.restoreLink();
      }
      ssh.destroyForcibly();
    }
  }

  /**
   * Cuts the link for {@code outage} and restores it; returns where the agent's log stood before,
   * for {@link #assertResumedSince}.
   */
  private int outage(Duration outage) throws Exception {
    int logged = log().length();
    edge.cutLink();
    try {
      Thread.sleep(outage.toMillis());
    } finally {
      edge.restoreLink();
    }
    return logged;
  }

  /**
   * Makes the agent redial, so that its tunnel is made the way the link is now (a relay's
   * redirection only applies to new connections, and its end cuts the connections it carried),
   * and waits until it is back.
   */
  private void awaitRedial(String what) {
    int logged = log().length();
    edge.exec("ss -K -t dst " + EdgeHost.PROXY_ADDRESS);
    Polling.await(what, Duration.ofSeconds(90),
        () -> SESSION_ID.matcher(log().substring(logged)).find(), () -> log().substring(logged));
    admin.awaitOnline(node, Duration.ofSeconds(90));
  }

  /**
   * The agent lost its tunnel and resumed its session since its log stood at {@code logged}. The
   * log is read until it says so (or a redial's longest backoff has passed): the client may
   * already have every byte when the agent's own log line is written.
   */
  private void assertResumedSince(int logged) {
    Polling.await("the agent lost its tunnel and resumed its session", Duration.ofSeconds(45), () -> {
      String since = log().substring(logged);
      return since.contains("keep-alive timeout") && since.contains(", resuming ");
    }, () -> log().substring(logged));
  }

  /** {@code 1..count}, one a line. */
  private static String numbers(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> i + "\n").collect(Collectors.joining());
  }

  private String target() {
    return "root@" + node + "." + TestCluster.CLUSTER_NAME;
  }

  private NumberedSession stockSsh(String name, int lines) throws Exception {
    return NumberedSession.stockSsh(work, sshConfig, target(), name, lines);
  }

  private String log() {
    try {
      return Files.readString(work.resolve(node + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tunnel session the agent logged last. */
  private String lastSessionId() throws IOException {
    Matcher matcher = SESSION_ID.matcher(log());
    String last = null;
    while (matcher.find()) {
      last = matcher.group(1);
    }
    assertNotEquals(null, last, "the agent logs its tunnel session");
    return last;
  }

  /** The newest audit event of {@code type} since {@code since} that {@code which} accepts, or null. */
  private JsonNode audited(String type, Instant since, java.util.function.Predicate<JsonNode> which) {
    String lines = admin.run("audit", "--since=15m", "--type=" + type, "--format=json").requireSuccess().stdout();
    return lines.lines().filter(line -> !line.isBlank()).map(Cli::parseJson) // one event a line
        .filter(event -> !Instant.parse(event.get("time").asText()).isBefore(since.minusSeconds(1)))
        .filter(which)
        .findFirst()
        .orElse(null);
  }

  private static void type(OutputStream keys, String line) throws IOException {
    keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  private static int count(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
