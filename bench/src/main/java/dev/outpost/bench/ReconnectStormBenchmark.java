package dev.outpost.bench;

import static dev.outpost.bench.PathComparison.format;

import dev.outpost.bench.measure.ReconnectStorm;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.SimulatedAgents;
import dev.outpost.launcher.AdminSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code bench/reconnect-storm.sh}: thousands of simulated agents storm the proxy at its admission
 * rate ({@code OUTPOST_TUNNEL_ADMISSION_RATE}/{@code _BURST} if set, else the default), from cold and again after every link drops at once (see {@link ReconnectStorm}).
 * Prints a Markdown table on standard output (kept in {@code target/bench/reconnect-storm.md});
 * progress goes to standard error.
 *
 * <p>System properties: {@code outpost.root} (the project's top folder, default {@code .}) and
 * {@code outpost.bench.storm.agents} (default 2,000).
 */
public final class ReconnectStormBenchmark {
  private static final int DEFAULT_AGENTS = 2_000;
  /** The target is 60 s; the bound lets a slower run still report how long it took. */
  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String PREFIX = "storm";

  private ReconnectStormBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    int agents = Integer.getInteger("outpost.bench.storm.agents", DEFAULT_AGENTS);
    Progress.say("starting Payara with the EAR (domain outpost-bench, https://localhost:28443)");
    BenchCluster cluster = BenchCluster.start(root);
    try {
      AdminSession admin = cluster.adminSession();
      Progress.say("joining " + agents + " simulated agents");
      ReconnectStorm.Result result;
      try (SimulatedAgents joined = SimulatedAgents.join(cluster, admin, PREFIX, agents)) {
        Progress.say("storming: all dial at once, then all links drop at once");
        result = new ReconnectStorm(admin, cluster.payaraPid(), BOUND).run(joined, PREFIX);
      }
      String table = table(result).markdown();
      System.out.print(table);
      Files.writeString(BenchCluster.dataDir(root).resolve("reconnect-storm.md"), table);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }

  private static ResultTable table(ReconnectStorm.Result result) {
    return new ResultTable("reconnect storm", "value")
        .row("simulated agents", Integer.toString(result.agents()))
        .row("proxy admission rate / burst", setting("OUTPOST_TUNNEL_ADMISSION_RATE") + " / "
            + setting("OUTPOST_TUNNEL_ADMISSION_BURST"))
        .row("all connected from cold", seconds(result.cold()))
        .row("all reconnected after every link dropped at once", seconds(result.afterDrop()))
        .row("connected at the end / listed online by the proxy",
            result.connectedAtEnd() + " / " + result.listedOnline())
        .row("upgrades refused with 503 + Retry-After", Integer.toString(result.busyRefusals()))
        .row("slowest health answer (GET /api/v1/cluster) during the storms",
            format("%d ms (of %d)", result.slowestHealth().toMillis(), result.healthProbes()))
        .row("slowest node list (outpost ls) during the storms",
            format("%d ms (of %d)", result.slowestListing().toMillis(), result.listings()))
        .row("proxy threads before / peak / after",
            result.threadsBefore() + " / " + result.peakThreads() + " / " + result.threadsAfter())
        .row("proxy CPU per admitted tunnel, from cold / after the drop (probes included)",
            perTunnel(result.proxyCpuCold(), result.agents()) + " / "
                + perTunnel(result.proxyCpuAfterDrop(), result.agents()));
  }

  /** The proxy inherits the benchmark's environment; unset means the default. */
  private static String setting(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? "default" : value;
  }

  private static String perTunnel(Duration cpu, int tunnels) {
    return cpu == null ? "-" : format("%.1f ms", cpu.toNanos() / 1e6 / tunnels);
  }

  private static String seconds(Duration took) {
    return took == null ? "not within " + BOUND.toSeconds() + " s" : format("%.1f s", took.toMillis() / 1000.0);
  }
}
