package dev.outpost.bench.measure;

import dev.outpost.api.NodeView;
import dev.outpost.bench.setup.Pause;
import dev.outpost.bench.setup.ReconnectingAgents;
import dev.outpost.bench.setup.SimulatedAgents;
import dev.outpost.client.http.ApiException;
import dev.outpost.launcher.AdminSession;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A whole fleet of simulated agents dialling at once, twice: from cold (as after a proxy restart)
 * and after every link is dropped together (a mobile-network outage). While the fleet storms in,
 * an admin asks for the node list over and over, so the result says how responsive the proxy
 * stayed, and the proxy's thread count is read from {@code /proc}.
 */
public final class ReconnectStorm {
  private static final Duration POLL = Duration.ofMillis(250);

  private final AdminSession admin;
  private final long proxyPid;
  private final Duration bound;
  private Duration slowestListing = Duration.ZERO;
  private int listings;
  private int peakThreads;

  /**
   * @param proxyPid the proxy's process, whose threads are watched
   * @param bound how long each wave may take to be all connected before it counts as failed
   */
  public ReconnectStorm(AdminSession admin, long proxyPid, Duration bound) {
    this.admin = admin;
    this.proxyPid = proxyPid;
    this.bound = bound;
  }

  /**
   * What a storm did.
   *
   * @param cold time until every agent was connected from cold; null when not within the bound
   * @param afterDrop the same after every link was dropped at once; null when not within the bound
   * @param connectedAtEnd agents connected when the measurement ended
   * @param listedOnline of the fleet's nodes, how many the proxy's node list showed online then
   * @param busyRefusals upgrades refused with 503 over both waves
   * @param slowestListing the slowest node listing during the storms
   */
  public record Result(int agents, Duration cold, Duration afterDrop, int connectedAtEnd, int listedOnline,
      int busyRefusals, Duration slowestListing, int listings, int threadsBefore, int peakThreads,
      int threadsAfter) {}

  /** Storms {@code joined} (all of them nodes named {@code prefix-N}) at the proxy. */
  public Result run(SimulatedAgents joined, String prefix) {
    int threadsBefore = ProcessStatus.of(proxyPid).threads();
    peakThreads = threadsBefore;
    try (ReconnectingAgents fleet = ReconnectingAgents.start(joined)) {
      int size = fleet.size();
      Duration cold = await(() -> fleet.connects() >= size && fleet.connected() == size);
      Duration afterDrop = null;
      if (cold != null) {
        fleet.dropAll();
        afterDrop = await(() -> fleet.connects() >= 2 * size && fleet.connected() == size);
      }
      int listedOnline = listedOnline(prefix);
      return new Result(size, cold, afterDrop, fleet.connected(), listedOnline, fleet.busyRefusals(),
          slowestListing, listings, threadsBefore, peakThreads, ProcessStatus.of(proxyPid).threads());
    }
  }

  /** Polls {@code done}, listing nodes each time; the time it took, or null past the bound. */
  private Duration await(BooleanSupplier done) {
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (elapsed.compareTo(bound) > 0) {
        return null;
      }
      listNodes();
      peakThreads = Math.max(peakThreads, ProcessStatus.of(proxyPid).threads());
      Pause.of(POLL);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private int listedOnline(String prefix) {
    return (int) listNodes().stream()
        .filter(node -> node.name().startsWith(prefix + "-") && node.online())
        .count();
  }

  private List<NodeView> listNodes() {
    long start = System.nanoTime();
    try {
      List<NodeView> nodes = admin.nodes();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      slowestListing = took.compareTo(slowestListing) > 0 ? took : slowestListing;
      listings++;
      return nodes;
    } catch (IOException | ApiException e) {
      throw new IllegalStateException("the proxy did not list its nodes during the storm: " + e.getMessage(), e);
    }
  }
}
