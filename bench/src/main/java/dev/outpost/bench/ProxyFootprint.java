package dev.outpost.bench;

import static dev.outpost.bench.PathComparison.format;

import dev.outpost.bench.measure.JavaHeap;
import dev.outpost.bench.measure.ProcessStatus;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.Pause;
import dev.outpost.bench.setup.SimulatedAgents;
import dev.outpost.launcher.AdminSession;
import java.time.Duration;

/**
 * The proxy's live heap per idle reverse tunnel: nodes are joined first (their database rows are
 * not the tunnel's cost), the live heap is read after full collections, then every node's tunnel
 * is opened and the heap read again. The difference per tunnel, against the maximum heap, bounds
 * how many idle tunnels one proxy holds.
 */
final class ProxyFootprint {
  private static final int WARM_UP_TUNNELS = 10;
  /** Lets registrations (node online, audit) finish before the heap is read. */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private ProxyFootprint() {}

  static ResultTable measure(BenchCluster cluster, AdminSession admin, int count) {
    long pid = cluster.payaraPid();
    Progress.say("proxy heap: warming up with " + WARM_UP_TUNNELS + " tunnels");
    try (SimulatedAgents warmUp = SimulatedAgents.join(cluster, admin, "warm", WARM_UP_TUNNELS)) {
      warmUp.dialAll();
    }
    Progress.say("proxy heap: joining " + count + " simulated agents");
    try (SimulatedAgents agents = SimulatedAgents.join(cluster, admin, "idle", count)) {
      Pause.of(SETTLE);
      long before = JavaHeap.liveKib(pid);
      ProcessStatus statusBefore = ProcessStatus.of(pid);
      Progress.say("proxy heap: opening " + count + " idle tunnels");
      agents.dialAll();
      Pause.of(SETTLE);
      int open = agents.openTunnels();
      long after = JavaHeap.liveKib(pid);
      ProcessStatus statusAfter = ProcessStatus.of(pid);
      double perTunnel = (after - before) / (double) open;
      long max = JavaHeap.maxKib(pid);
      return new ResultTable("proxy (Payara)", "value")
          .row("idle agent tunnels open", open + " of " + count)
          .row("live heap before / after", format("%.1f / %.1f MiB", before / 1024.0, after / 1024.0))
          .row("live heap per idle tunnel", format("%.1f KiB", perTunnel))
          .row("RSS per idle tunnel", format("%.1f KiB", (statusAfter.residentKib() - statusBefore.residentKib()) / (double) open))
          .row("threads before / after", statusBefore.threads() + " / " + statusAfter.threads())
          .row("maximum heap (-Xmx)", format("%d MiB", max / 1024))
          .row("idle tunnels that fit the free heap", format("≈ %,.0f", (max - before) / perTunnel));
    }
  }
}
