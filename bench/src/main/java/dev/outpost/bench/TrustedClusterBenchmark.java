package dev.outpost.bench;

import static dev.outpost.bench.PathComparison.format;

import dev.outpost.bench.measure.CommandLatency;
import dev.outpost.bench.measure.CpuTime;
import dev.outpost.bench.measure.Samples;
import dev.outpost.bench.measure.Throughput;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.SshPath;
import dev.outpost.bench.setup.TrustedLeaf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/trusted-cluster.sh}: the same node behind a leaf cluster, reached by a leaf user
 * through the leaf's proxy alone and by a root user through root → leaf → node; bulk throughput
 * and {@code ssh node true}, one path after the other on the same machine, with the extra hop's
 * throughput held against its target (it may cost under 25%). Two real clusters on this host: the
 * bench cluster as the root and {@code outpost-bench-leaf} (HTTPS 38443) as the leaf. Prints a
 * Markdown table (kept in {@code target/bench/trusted-cluster.md}); progress goes to standard error.
 *
 * <p>System properties: {@code outpost.root} (the project's top folder, default {@code .}) and
 * {@code outpost.bench.mebibytes} (size of each throughput run, default 512).
 */
public final class TrustedClusterBenchmark {
  static final double THROUGHPUT_TARGET = 0.75;
  private static final int DEFAULT_MEBIBYTES = 512;
  private static final int THROUGHPUT_RUNS = 3;
  private static final long WARM_UP_BYTES = 128L << 20;
  private static final int COMMAND_RUNS = 20;

  private TrustedClusterBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    long bytes = (long) Integer.getInteger("outpost.bench.mebibytes", DEFAULT_MEBIBYTES) << 20;
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("The benchmark must run as root: its agent logs in as root on the node.");
      System.exit(2);
    }
    BenchRun.inCluster(root, "trusted-cluster.md", (cluster, dir) -> run(root, cluster, dir, bytes));
  }

  private static String run(Path project, BenchCluster rootCluster, Path dir, long bytes) {
    Progress.say("starting the leaf cluster (domain outpost-bench-leaf, https://" + BenchCluster.LEAF.proxy() + ")");
    BenchCluster leaf = BenchCluster.start(project, BenchCluster.LEAF, Map.of());
    try {
      Progress.say("an agent on the leaf as node bench-node; the leaf joins the root");
      try (TrustedLeaf trust = TrustedLeaf.join(rootCluster, leaf, dir)) {
        List<Long> pids = List.of(trust.agentPid(), leaf.payaraPid(), rootCluster.payaraPid());
        return compare(trust.leafPath(), trust.rootPath(), pids, bytes).markdown();
      }
    } finally {
      Progress.say("stopping the leaf cluster");
      leaf.stop();
    }
  }

  /** @param pids the agent, the leaf's proxy and the root's proxy: their CPU per GiB is reported */
  private static ResultTable compare(SshPath leafPath, SshPath rootPath, List<Long> pids, long bytes) {
    ResultTable table = new ResultTable("measure", "leaf user → leaf → node", "root user → root → leaf → node",
        "through the root vs the leaf alone");
    long mebibytes = bytes >> 20;
    Progress.say("throughput: " + THROUGHPUT_RUNS + " × " + mebibytes + " MiB per path");
    Transfer direct = Transfer.measure(leafPath, bytes, pids);
    Transfer hop = Transfer.measure(rootPath, bytes, pids);
    double ratio = hop.rate().median() / direct.rate().median();
    table.row("`head -c " + mebibytes + "M /dev/zero` > /dev/null, median of " + THROUGHPUT_RUNS,
        format("%.1f MB/s", direct.rate().median()), format("%.1f MB/s", hop.rate().median()),
        format("%.2f× (the hop costs %.0f%%; target < 25%%: %s)", ratio, (1 - ratio) * 100,
            ratio >= THROUGHPUT_TARGET ? "met" : "not met"));
    table.row("CPU seconds per GiB of the above: agent / leaf proxy / root proxy",
        direct.cpuPerGibibyte(), hop.cpuPerGibibyte(), "");

    Progress.say("`ssh node true` × " + COMMAND_RUNS + " per path");
    Samples directCommand = CommandLatency.measure(leafPath, COMMAND_RUNS);
    Samples hopCommand = CommandLatency.measure(rootPath, COMMAND_RUNS);
    table.row("`ssh node true`, median / p95 of " + COMMAND_RUNS,
        format("%.0f / %.0f ms", directCommand.median(), directCommand.p95()),
        format("%.0f / %.0f ms", hopCommand.median(), hopCommand.p95()),
        format("%+.0f ms median (%.2f×)", hopCommand.median() - directCommand.median(),
            hopCommand.median() / directCommand.median()));
    return table;
  }

  /** The throughput runs of one path, with the CPU each process spent on them. */
  private record Transfer(Samples rate, List<Double> cpuSeconds, double gibibytes) {

    static Transfer measure(SshPath path, long bytes, List<Long> pids) {
      List<Duration> before = pids.stream().map(CpuTime::of).toList();
      Samples rate = Throughput.measure(path, bytes, WARM_UP_BYTES, THROUGHPUT_RUNS);
      List<Double> cpu = new ArrayList<>();
      for (int i = 0; i < pids.size(); i++) {
        cpu.add(CpuTime.of(pids.get(i)).minus(before.get(i)).toMillis() / 1000.0);
      }
      return new Transfer(rate, cpu, (WARM_UP_BYTES + THROUGHPUT_RUNS * bytes) / (double) Throughput.GIBIBYTE);
    }

    String cpuPerGibibyte() {
      return String.join(" / ", cpuSeconds.stream().map(s -> format("%.1f", s / gibibytes)).toList()) + " s";
    }
  }
}
