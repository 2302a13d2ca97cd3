package dev.outpost.bench.measure;

import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.SshPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk transfer from the node: the wall time of {@code ssh node 'head -c 1G /dev/zero' > /dev/null},
 * connection set-up included, as a user would time it. In MB/s (10^6 bytes).
 */
public final class Throughput {
  public static final long GIBIBYTE = 1L << 30;

  private Throughput() {}

  /** One unreported warm-up run of {@code warmUpBytes}, then {@code runs} runs of {@code bytes}. */
  public static Samples measure(SshPath path, long bytes, long warmUpBytes, int runs) {
    once(path, warmUpBytes);
    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      rates.add(once(path, bytes));
    }
    return Samples.of(rates);
  }

  private static double once(SshPath path, long bytes) {
    Duration time = Program.timed(path.ssh("head -c " + bytes + " /dev/zero"));
    return bytes / (time.toNanos() / 1e9) / 1e6;
  }
}
