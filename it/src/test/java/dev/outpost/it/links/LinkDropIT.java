package dev.outpost.it.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.it.Cli;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A node's uplink fails silently for longer than its tunnel's idle timeout while a user's stock
 * {@code ssh} runs a command that prints a numbered line every 100 ms: the agent declares the
 * tunnel lost, redials once the link is back, and resumes the session's stream; the user sees a
 * pause, then every line exactly once and in order, from the same remote process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkDropIT {
  private static final int LINES = 150;
  /** Short keep-alive, so that a cut of a few seconds outlasts the idle timeout. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration OUTAGE = IDLE_TIMEOUT.multipliedBy(3);

  private final String node = "link-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Path work;

  @BeforeAll
  void startNodeWithShortKeepAlive() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "link-drop tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("link-it"));
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    edge = EdgeHost.create();
    edge.join(admin, node, "env=edge", work.resolve(node),
        "--tunnel-ping-interval=PT1S", "--tunnel-idle-timeout=PT" + IDLE_TIMEOUT.toSeconds() + "S");
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  void aSessionSurvivesTheUplinkDroppingLongerThanTheIdleTimeout() throws Exception {
    Path output = work.resolve("numbers.out");
    Process ssh = new ProcessBuilder("ssh", "-F", admin.sshConfig().toString(), "-o", "BatchMode=yes",
            "root@" + node + "." + TestCluster.CLUSTER_NAME,
            "echo pid $$; for i in $(seq 1 " + LINES + "); do echo $i; sleep 0.1; done; echo pid $$")
        .redirectOutput(output.toFile())
        .redirectError(work.resolve("numbers.err").toFile())
        .start();
    awaitLine(output, "20", Duration.ofSeconds(60));

    edge.cutLink();
    try {
      Thread.sleep(OUTAGE.toMillis());
      assertTrue(log().contains("keep-alive timeout"), "the agent noticed the loss: " + log());
    } finally {
      edge.restoreLink();
    }

    assertTrue(ssh.waitFor(3, TimeUnit.MINUTES), "ssh ends after the last line");
    assertEquals(0, ssh.exitValue(), Files.readString(work.resolve("numbers.err")));
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(LINES + 2, lines.size(), "no line lost or repeated: " + lines);
    assertTrue(lines.get(0).startsWith("pid "), lines.get(0));
    assertEquals(lines.get(0), lines.get(LINES + 1), "the same remote process before and after");
    assertEquals(IntStream.rangeClosed(1, LINES).mapToObj(Integer::toString).toList(),
        lines.subList(1, LINES + 1), "every number once, in order");
    assertTrue(log().split("-> CONNECTED", -1).length > 2, "the agent redialled: " + log());
    admin.awaitOnline(node, Duration.ofSeconds(30));
  }

  private String log() throws IOException {
    return Files.readString(work.resolve(node + ".log"));
  }

  private static void awaitLine(Path output, String line, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(output) && Files.readAllLines(output).contains(line)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line '" + line + "' within " + timeout + ": " + Files.readString(output));
  }
}
