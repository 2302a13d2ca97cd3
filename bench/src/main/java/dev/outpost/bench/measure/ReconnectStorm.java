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
 * an admin keeps asking the proxy for its health ({@code GET /api/v1/cluster}, every poll) and for
 * the node list ({@code outpost ls}'s request, every {@link #LISTING_EVERY}), so the result says how
 * responsive the proxy stayed; the proxy's thread count is read from {@code /proc}, and its CPU
 * time per wave says what each admitted tunnel cost it, whatever else shares the machine.
 */
public final class ReconnectStorm {
  private static final Duration POLL = Duration.ofMillis(250);
  /** Listing thousands of nodes is work of its own: not so often that it becomes the load. */
  private static final Duration LISTING_EVERY = Duration.ofSeconds(2);

  private final AdminSession admin;
  private final long proxyPid;
  private final Duration bound;
  private final Slowest health = new Slowest();
  private final Slowest listing = new Slowest();
  private long lastListing;
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
   * @param busyRefusals upgrades refused with 503 and Retry-After, over both waves
   * @param slowestHealth the slowest health answer during the storms, of {@code healthProbes}
   * @param slowestListing the slowest node list during the storms, of {@code listings}
   * @param proxyCpuCold the proxy's CPU time (user and system) while the fleet came in from cold,
   *     the probes' share included
   * @param proxyCpuAfterDrop the same while it came back after the drop
   */
  public record Result(int agents, Duration cold, Duration afterDrop, int connectedAtEnd, int listedOnline,
      int busyRefusals, Duration slowestHealth, int healthProbes, Duration slowestListing, int listings,
      int threadsBefore, int peakThreads, int threadsAfter, Duration proxyCpuCold,
      Duration proxyCpuAfterDrop) {}

  /** Storms {@code joined} (all of them nodes named {@code prefix-N}) at the proxy. */
  public Result run(SimulatedAgents joined, String prefix) {
    int threadsBefore = ProcessStatus.of(proxyPid).threads();
    peakThreads = threadsBefore;
    try (ReconnectingAgents fleet = ReconnectingAgents.start(joined)) {
      int size = fleet.size();
      Duration cpu = CpuTime.of(proxyPid);
      Duration cold = await(() -> fleet.connects() >= size && fleet.connected() == size);
      Duration cpuCold = CpuTime.of(proxyPid).minus(cpu);
      Duration afterDrop = null;
      Duration cpuAfterDrop = null;
      if (cold != null) {
        fleet.dropAll();
        cpu = CpuTime.of(proxyPid);
        afterDrop = await(() -> fleet.connects() >= 2 * size && fleet.connected() == size);
        cpuAfterDrop = CpuTime.of(proxyPid).minus(cpu);
      }
      int listedOnline = (int) listNodes().stream()
          .filter(node -> node.name().startsWith(prefix + "-") && node.online())
          .count();
      return new Result(size, cold, afterDrop, fleet.connected(), listedOnline, fleet.busyRefusals(),
          health.longest, health.count, listing.longest, listing.count, threadsBefore, peakThreads,
          ProcessStatus.of(proxyPid).threads(), cpuCold, cpuAfterDrop);
    }
  }

  /** Polls {@code done}, probing the proxy each time; the time it took, or null past the bound. */
  private Duration await(BooleanSupplier done) {
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (elapsed.compareTo(bound) > 0) {
        return null;
      }
      probe();
      peakThreads = Math.max(peakThreads, ProcessStatus.of(proxyPid).threads());
      Pause.of(POLL);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void probe() {
    long start = System.nanoTime();
    try {
      admin.cluster();
    } catch (IOException | ApiException e) {
      throw new IllegalStateException("the proxy did not answer a health request during the storm: "
          + e.getMessage(), e);
    }
    health.took(start);
    if (System.nanoTime() - lastListing >= LISTING_EVERY.toNanos()) {
      listNodes();
    }
  }

  private List<NodeView> listNodes() {
    long start = System.nanoTime();
    lastListing = start;
    try {
      List<NodeView> nodes = admin.nodes();
      listing.took(start);
      return nodes;
    } catch (IOException | ApiException e) {
      throw new IllegalStateException("the proxy did not list its nodes during the storm: " + e.getMessage(), e);
    }
  }

  /** The longest of a series of timings. */
  private static final class Slowest {
    private Duration longest = Duration.ZERO;
    private int count;

    void took(long startNanos) {
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      longest = took.compareTo(longest) > 0 ? took : longest;
      count++;
    }
  }
}
