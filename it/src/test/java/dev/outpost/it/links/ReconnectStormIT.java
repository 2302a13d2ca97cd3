package dev.outpost.it.links;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.bench.measure.ReconnectStorm;
import dev.outpost.bench.setup.SimulatedAgents;
import dev.outpost.it.TestCluster;
import dev.outpost.launcher.AdminSession;
import dev.outpost.launcher.LocalCluster;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of agents (lightweight tunnel clients in this JVM, each kept up by the real agent's
 * supervisor) dial the proxy at once, then all lose their links together and dial again. The test
 * cluster admits {@value TestCluster#TUNNEL_ADMISSION_RATE} tunnels per second, so most of the
 * fleet is first told 503 with a spread Retry-After; all must still be connected within the bound,
 * the proxy must answer health requests and node lists throughout, and its threads must not grow
 * with the fleet.
 * {@code bench/reconnect-storm.sh} runs the same storm with 2,000 agents at the default rate.
 */
class ReconnectStormIT {
  private static final int AGENTS = Integer.getInteger("outpost.storm.agents", 250);
  private static final Duration BOUND = Duration.ofSeconds(60);
  /** Health answers: a proxy knocked over would time out (30 s) or fail. */
  private static final Duration RESPONSIVE = Duration.ofSeconds(5);
  /**
   * The node list reads every node of the run (hundreds here) with its labels while the fleet's
   * rows are written: 9 s was seen on the shared two-core machine.
   */
  private static final Duration LISTING = Duration.ofSeconds(20);

  @Test
  void aFleetStormingInIsAdmittedAtTheRateAndAllConnectWhileTheProxyAnswers() throws Exception {
    LocalCluster cluster = TestCluster.get();
    AdminSession admin = AdminSession.login(cluster, TestCluster.ADMIN_PASSWORD);
    String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 8);
    ReconnectStorm.Result result;
    try (SimulatedAgents joined = SimulatedAgents.join(cluster, TestCluster.localProxy(), admin, prefix, AGENTS)) {
      result = new ReconnectStorm(admin, cluster.proxyPid(), BOUND).run(joined, prefix);
    }
    System.out.println("reconnect storm: " + result);
    ReconnectStorm.Result storm = result;
    assertAll(
        () -> assertNotNull(storm.cold(), "all " + AGENTS + " connected from cold within " + BOUND + ": " + storm),
        () -> assertNotNull(storm.afterDrop(), "all reconnected after the drop within " + BOUND + ": " + storm),
        () -> assertEquals(AGENTS, storm.listedOnline(), "the proxy lists the whole fleet online: " + storm),
        () -> assertTrue(storm.busyRefusals() >= AGENTS - 2 * TestCluster.TUNNEL_ADMISSION_BURST,
            "over the rate the proxy refused with 503: " + storm),
        () -> assertTrue(storm.slowestHealth().compareTo(RESPONSIVE) < 0,
            "the proxy answered health requests within " + RESPONSIVE + " throughout: " + storm),
        () -> assertTrue(storm.slowestListing().compareTo(LISTING) < 0,
            "outpost ls's node list answered within " + LISTING + " throughout: " + storm),
        () -> assertTrue(storm.peakThreads() - storm.threadsBefore() < AGENTS / 2,
            "the proxy's threads do not grow with the fleet: " + storm));
  }
}
