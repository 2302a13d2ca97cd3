package dev.outpost.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory and thread count, as the kernel reports them. */
public record ProcessStatus(long residentKib, int threads) {

  /** Reads {@code /proc/PID/status}: {@code VmRSS} and {@code Threads}. */
  public static ProcessStatus of(long pid) {
    Path file = Path.of("/proc", Long.toString(pid), "status");
    try {
      long rss = -1;
      int threads = -1;
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("\\D", ""));
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.replaceAll("\\D", ""));
        }
      }
      return new ProcessStatus(rss, threads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (has the process exited?)", e);
    }
  }

  public double residentMib() {
    return residentKib / 1024.0;
  }
}
