package dev.outpost.bench.measure;

import java.time.Duration;

/**
 * The CPU time (user and system) a process has used so far, as the operating system counts it.
 * CPU per byte says where a transfer's cost lies even when the machine is shared and wall-clock
 * figures are not.
 */
public final class CpuTime {
  private CpuTime() {}

  public static Duration of(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
  }
}
