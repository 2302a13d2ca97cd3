package dev.outpost.it.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.SiteCluster;
import dev.outpost.launcher.ProcessNetwork;
import dev.outpost.testsupport.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The proxy's PostgreSQL server stops (fast shutdown: every connection cut) in the middle of a
 * terminal session and starts again later, as in a database restart or failover. The whole product
 * runs for real: the EAR on a Payara domain of its own ({@link SiteCluster} {@code outpost-it-pg})
 * whose {@code OUTPOST_DB_URL} names a PostgreSQL server this suite starts from Debian's package,
 * an agent behind NAT in the {@link EdgeHost} namespace, stock {@code ssh -tt} through the user's
 * {@code outpost config}.
 *
 * <p>While the database is away the session keeps printing, and a login and a second session
 * (its client tunnel's handshake) are refused but audited, in the proxy's journal (which the
 * proxy's log says). Once the database is back, within a bounded wait and without anyone's help:
 * the session's start and end and the two refusals are in the audit log once each, the journal is
 * empty, and the recording on the proxy is complete and holds exactly what the client saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {
  private static final String CLUSTER = "pg.outpost.test";
  private static final int ADMIN_PORT = 27848;
  private static final int HTTPS_PORT = 27443;
  /**
   * Longer than a pass of the journal replay (every 15 s) and a beat of the nodes' heartbeat (every
   * 30 s), which must both wait and not give up.
   */
  private static final Duration OUTAGE = Duration.ofSeconds(35);
  /** How long everything may take to reach the database once it is back. */
  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final String JOURNALED = "audit database did not take event";

  private final String node = "pgo-" + UUID.randomUUID().toString().substring(0, 8);
  private PostgresServer database;
  private EdgeHost edge;
  private SiteCluster site;
  private NodeRecords records;
  private Path work;

  @BeforeAll
  void startClusterOnPostgresql() throws Exception {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "the database outage test needs root with iproute2 and iptables to build network namespaces");
    Path bin = PostgresServer.binaries().orElse(null);
    Assumptions.assumeTrue(bin != null,
        "the database outage test needs Debian's postgresql package (/usr/lib/postgresql/*/bin)");
    database = PostgresServer.start(bin);
    edge = EdgeHost.create(HTTPS_PORT);
    site = SiteCluster.start("pg", CLUSTER, ADMIN_PORT, HTTPS_PORT,
        EdgeHost.PROXY_ADDRESS + ":" + HTTPS_PORT, ProcessNetwork.HOST,
        Map.of("OUTPOST_DB_URL", database.jdbcUrl()));
    work = Files.createDirectories(site.cluster().layout().dataDir().resolve("outage-it"));
    edge.join(site.admin(), node, "env=edge", work.resolve(node));
    records = new NodeRecords(site.admin(), node);
  }

  @AfterAll
  void stopAll() throws IOException {
    try {
      if (edge != null) {
        edge.close();
      }
      if (site != null) {
        site.close();
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  @Test
  void nothingIsLostWhenTheDatabaseStopsMidSession() throws Exception {
    Instant before = Instant.now();
    Instant restarted;
    Path stop = work.resolve("stop-printing");
    Path clientOutput = NodeRecords.clientOutput(work, "outage");
    Path sshConfig = site.admin().sshConfig();
    Process ssh = NodeRecords.typedSession(sshConfig, target(), work, "outage",
        "i=0; while [ ! -e " + stop + " ]; do i=$((i+1)); echo line-$i; sleep 0.1; done; exit\n");
    String refusedUser = "outage-" + node;
    try {
      awaitLine(clientOutput, 20);
      database.stopServer();
      Instant stopped = Instant.now();
      int atStop = NodeRecords.lastLine(NodeRecords.read(clientOutput));

      Command.Result login = new Cli(work.resolve("cli-" + refusedUser), ProcessNetwork.HOST,
          "localhost:" + HTTPS_PORT).runWithInput("whatever\n", "login",
          "--proxy=localhost:" + HTTPS_PORT, "--user=" + refusedUser, "--insecure",
          "--password-stdin");
      assertNotEquals(0, login.exitCode(), "no login without the database: " + login.stdout());
      Polling.await("the proxy logs that it journaled the refused login", SETTLE,
          () -> journaledLines() >= 1, () -> journaledLines() + " journaled");
      refuseSecondSession(sshConfig, "echo refused-" + node);

      Polling.sleep(Math.max(0, OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis()));
      int atRestart = NodeRecords.lastLine(NodeRecords.read(clientOutput));
      assertTrue(atRestart >= atStop + 50,
          "the session kept printing while the database was away: " + atStop + " → " + atRestart);
      database.startServer();
      restarted = Instant.now();

      awaitLine(clientOutput, atRestart + 20);
      Files.writeString(stop, "");
      assertTrue(ssh.waitFor(60, TimeUnit.SECONDS), "the session ends");
      assertEquals(0, ssh.exitValue(), NodeRecords.read(work.resolve("outage-session.err")));
    } finally {
      ssh.destroyForcibly();
    }
    String seen = NodeRecords.read(clientOutput);

    JsonNode recording = records.awaitCompleteRecording(
        r -> Instant.parse(r.get("started").asText()).isAfter(before), SETTLE);
    String recorded = Asciicast.parse(records.export(recording.get("id").asText())).output();
    assertEquals(seen, recorded, "the recording holds exactly what the client saw");
    NodeRecords.assertConsecutive(recorded);

    String session = recording.get("session_id").asText();
    awaitOnce("the session's start", "session.start",
        e -> session.equals(e.path("session_id").asText()) && ok(e));
    awaitOnce("the session's end", "session.end",
        e -> session.equals(e.path("session_id").asText()));
    awaitOnce("the login refused during the outage", "user.login.failure",
        e -> refusedUser.equals(e.path("actor").asText())
            && e.path("reason").asText().startsWith("the proxy cannot check credentials now"));
    awaitOnce("the second session's tunnel refused during the outage", "tunnel.auth",
        e -> !ok(e) && "admin".equals(e.path("actor").asText()) && e.path("reason").asText()
            .startsWith("client: the proxy cannot check credentials now"));
    Polling.await("the audit journal empties", SETTLE, () -> journalSize() == 0,
        () -> journalSize() + " bytes left");
    assertTrue(NodeRecords.read(site.serverLog()).contains("audit journal replayed:"),
        "the proxy logs the replay");
    Polling.await("the node's heartbeat after the outage", SETTLE,
        () -> lastSeen().isAfter(restarted), () -> site.admin().listed(node).toString());
  }

  /**
   * A second session while the database is away: refused ({@code ssh} exits 255), and its client
   * tunnel's refusal journaled by the proxy. A try that ends before it reaches the proxy (nothing
   * journaled within a minute) is made again, at most three times; every try's {@code ssh} output
   * is kept in the work directory.
   */
  private void refuseSecondSession(Path sshConfig, String command) throws IOException {
    long before = journaledLines();
    StringBuilder tries = new StringBuilder();
    for (int attempt = 1; attempt <= 3; attempt++) {
      Command.Result second = Command.run(List.of("ssh", "-F", sshConfig.toString(), "-o",
          "BatchMode=yes", target(), command), Map.of(), null, Duration.ofMinutes(1));
      Files.writeString(work.resolve("second-session-" + attempt + ".err"), second.stderr());
      tries.append("\ntry ").append(attempt).append(": exit ").append(second.exitCode())
          .append(", ").append(second.stderr().strip());
      assertEquals(255, second.exitCode(), "no new session without the database: " + tries);
      Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
      while (Instant.now().isBefore(deadline)) {
        if (journaledLines() > before) {
          return;
        }
        Polling.sleep(1_000);
      }
    }
    throw new AssertionError("the proxy journaled no refused session:" + tries);
  }

  /** Waits until {@code type} has one event that {@code which} accepts, then checks it is one. */
  private void awaitOnce(String what, String type, Predicate<JsonNode> which) {
    AtomicReference<List<JsonNode>> found = new AtomicReference<>(List.of());
    Polling.await(what + " in the audit log", SETTLE, () -> {
      found.set(records.audit("--type=" + type).stream().filter(which).toList());
      return !found.get().isEmpty();
    }, () -> found.get().toString());
    assertEquals(1, found.get().size(), what + " once, not repeated by the replay: " + found);
  }

  private static boolean ok(JsonNode event) {
    return "SUCCESS".equals(event.path("outcome").asText());
  }

  private void awaitLine(Path clientOutput, int line) {
    Polling.await("the session prints line " + line, Duration.ofSeconds(60),
        () -> NodeRecords.lastLine(NodeRecords.read(clientOutput)) >= line,
        () -> NodeRecords.read(clientOutput));
  }

  private long journaledLines() {
    return NodeRecords.read(site.serverLog()).lines().filter(l -> l.contains(JOURNALED)).count();
  }

  /** Bytes in this proxy's audit journal ({@code <data>/audit-journal/*.jsonl}). */
  private long journalSize() {
    Path journal = site.cluster().layout().dataDir().resolve("audit-journal");
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(file -> file.toString().endsWith(".jsonl"))
          .mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private Instant lastSeen() {
    JsonNode listed = site.admin().listed(node);
    return listed == null || listed.path("last_seen").isNull() ? Instant.MIN
        : Instant.parse(listed.path("last_seen").asText());
  }

  private String target() {
    return "root@" + node + "." + CLUSTER;
  }
}
