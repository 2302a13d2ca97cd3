package dev.outpost.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU time of every process on an SSH path, as Linux counts it in {@code /proc/PID/stat}: the
 * benchmark's reaped children (the {@code ssh} client and, through it, its {@code ProxyCommand})
 * plus each server process with the children it reaped ({@code sshd} and its per-connection
 * processes; the agent and the commands it ran). On a machine whose cores the path shares, the CPU
 * per byte of the whole path bounds its throughput: two cores move at most 2 / (seconds per byte).
 */
public final class PathCpuTime {
  /** Linux's {@code USER_HZ}, the unit of {@code /proc/PID/stat}'s times on every architecture. */
  private static final double TICKS_PER_SECOND = 100;

  private PathCpuTime() {}

  /** The client side so far: what the benchmark's exited children used, ssh and all below it. */
  public static Duration ofClients() {
    long[] times = times("self");
    return ticks(times[2] + times[3]);
  }

  /** What {@code pid} used so far, with the children it has reaped. */
  public static Duration ofServer(long pid) {
    long[] times = times(Long.toString(pid));
    return ticks(times[0] + times[1] + times[2] + times[3]);
  }

  /** utime, stime, cutime, cstime: fields 14 to 17, counted after the command name's parenthesis. */
  private static long[] times(String process) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", process, "stat"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU times of process " + process, e);
    }
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long[] times = new long[4];
    for (int i = 0; i < 4; i++) {
      times[i] = Long.parseLong(fields[11 + i]);
    }
    return times;
  }

  private static Duration ticks(long ticks) {
    return Duration.ofMillis(Math.round(ticks * 1000 / TICKS_PER_SECOND));
  }
}
