package dev.outpost.bench.measure;

import java.time.Duration;
import java.util.Arrays;

/**
 * The CPU time each of several processes uses over one phase of a benchmark, per operation. When
 * client, proxy, agent and server share a machine's cores, CPU per operation says whether a
 * throughput that does not grow with concurrency is the cores running out or a wait.
 */
public final class CpuMeter {
  private final long[] pids;
  private final Duration[] before;

  private CpuMeter(long[] pids) {
    this.pids = pids.clone();
    this.before = Arrays.stream(pids).mapToObj(CpuTime::of).toArray(Duration[]::new);
  }

  public static CpuMeter start(long... pids) {
    return new CpuMeter(pids);
  }

  /** Milliseconds of CPU each process (in the order given) used since the start, per operation. */
  public double[] millisPer(int operations) {
    double[] millis = new double[pids.length];
    for (int i = 0; i < pids.length; i++) {
      millis[i] = CpuTime.of(pids[i]).minus(before[i]).toNanos() / 1e6 / operations;
    }
    return millis;
  }
}
