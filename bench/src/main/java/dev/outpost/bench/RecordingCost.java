package dev.outpost.bench;

import static dev.outpost.bench.PathComparison.format;

import dev.outpost.bench.measure.CpuTime;
import dev.outpost.bench.measure.ProcessStatus;
import dev.outpost.bench.measure.Samples;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.RecordingSwitch;
import dev.outpost.bench.setup.TunnelPath;
import dev.outpost.launcher.AdminSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code bench/recording-cost.sh}: throughput of a terminal through the tunnel, {@code ssh -tt
 * node 'head -c N /dev/urandom | base64' > /dev/null}, recorded at the node and unrecorded (see
 * {@link RecordingSwitch}), runs alternating; with the agent's CPU per MiB and its peak resident
 * memory during each mode. Uploads of one run finish before the next starts. Prints a Markdown
 * table; system property {@code outpost.bench.recording.mib} (default 128) sets N in MiB.
 */
public final class RecordingCost {
  private static final int RUNS = 3;
  private static final int MIB = 1 << 20;
  /** base64 writes 76 characters per line, which a PTY ends with CR LF. */
  private static final int LINE = 76;

  private RecordingCost() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    int mib = Integer.getInteger("outpost.bench.recording.mib", 128);
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("The benchmark must run as root: it logs in as root on the node.");
      System.exit(2);
    }
    BenchRun.inCluster(root, "recording-cost.md", (cluster, dir) -> run(cluster, dir, mib));
  }

  private static String run(BenchCluster cluster, Path dir, int mib) {
    AdminSession admin = cluster.adminSession();
    try (TunnelPath tunnel = TunnelPath.start(cluster, admin, dir)) {
      RecordingSwitch recording = RecordingSwitch.prepare(cluster, dir);
      long outputBytes = terminalBytes((long) mib * MIB);
      List<Double> on = new ArrayList<>();
      List<Double> off = new ArrayList<>();
      Usage onUsage = new Usage();
      Usage offUsage = new Usage();
      Progress.say("warm-up, then " + RUNS + " × (recorded, unrecorded) of " + mib + " MiB base64");
      once(tunnel, 16L * MIB, new Usage(), recording::awaitUploaded);
      for (int i = 0; i < RUNS; i++) {
        on.add(outputBytes / once(tunnel, (long) mib * MIB, onUsage, recording::awaitUploaded) / 1e6);
        recording.off();
        try {
          off.add(outputBytes / once(tunnel, (long) mib * MIB, offUsage, () -> { }) / 1e6);
        } finally {
          recording.on();
        }
      }
      recording.awaitUploaded();
      long stored = storedRecordings(dir);
      if (stored != RUNS + 1) {
        throw new IllegalStateException("expected " + (RUNS + 1) + " recordings at the proxy (the"
            + " recorded runs and the warm-up), found " + stored);
      }
      return table(Samples.of(on), Samples.of(off), onUsage, offUsage, outputBytes, mib);
    }
  }

  private static String table(Samples on, Samples off, Usage onUsage, Usage offUsage,
      long outputBytes, int mib) {
    double cost = 1 - on.median() / off.median();
    double outputMib = outputBytes / (double) MIB;
    return new ResultTable("measure", "recorded", "unrecorded", "recording costs")
        .row("`ssh -tt node 'head -c " + mib + "M /dev/urandom | base64'`, MB/s, median of " + RUNS,
            format("%.1f", on.median()), format("%.1f", off.median()),
            AgentMemory.verdict(cost < 0.15, format("%.1f %% of throughput", cost * 100)
                + ", target < 15 %"))
        .row("recording complete on the proxy, seconds after the session ended, median",
            format("%.1f", Samples.of(onUsage.settleSeconds).median()), "—", "")
        .row("agent CPU ms per MiB of terminal output (recorded: until the proxy has it all)",
            format("%.1f", onUsage.cpuMsPerMib(outputMib)),
            format("%.1f", offUsage.cpuMsPerMib(outputMib)),
            format("%+.1f ms", onUsage.cpuMsPerMib(outputMib) - offUsage.cpuMsPerMib(outputMib)))
        .row("agent peak RSS during the runs", format("%.1f MiB", onUsage.peakRssKib.get() / 1024.0),
            format("%.1f MiB", offUsage.peakRssKib.get() / 1024.0), "")
        .markdown();
  }

  /**
   * Runs one transfer, then {@code settle} (waiting for the recording's upload), adding the agent's
   * CPU over both, its peak RSS and the settling time to {@code usage}; the transfer's wall seconds.
   */
  private static double once(TunnelPath tunnel, long bytes, Usage usage, Runnable settle) {
    Duration cpuBefore = CpuTime.of(tunnel.agentPid());
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        usage.peakRssKib.accumulateAndGet(ProcessStatus.of(tunnel.agentPid()).residentKib(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try {
      Duration wall = Program.timed(tunnel.ssh(List.of("-tt"),
          "head -c " + bytes + " /dev/urandom | base64"));
      long ended = System.nanoTime();
      settle.run();
      usage.settleSeconds.add((System.nanoTime() - ended) / 1e9);
      return wall.toNanos() / 1e9;
    } finally {
      sampler.interrupt();
      usage.runs++;
      usage.cpu = usage.cpu.plus(CpuTime.of(tunnel.agentPid()).minus(cpuBefore));
    }
  }

  /** What a PTY delivers for base64 of {@code input} bytes: 76 characters and CR LF per line. */
  static long terminalBytes(long input) {
    long characters = (input + 2) / 3 * 4;
    long lines = (characters + LINE - 1) / LINE;
    return characters + 2 * lines;
  }

  private static long storedRecordings(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".cast"))
          .filter(file -> !file.startsWith(dir.resolve("agent")))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The agent's CPU and peak memory over the runs of one mode. */
  private static final class Usage {
    final AtomicLong peakRssKib = new AtomicLong();
    final List<Double> settleSeconds = new ArrayList<>();
    Duration cpu = Duration.ZERO;
    int runs;

    /** Per run, excluding the warm-up (its usage is never read). */
    double cpuMsPerMib(double outputMibPerRun) {
      return cpu.toNanos() / 1e6 / (outputMibPerRun * runs);
    }
  }
}
