package dev.outpost.bench.measure;

import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.SshPath;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole of {@code ssh node true}: process start, connection, key exchange, authentication, a
 * command and the exit status. In milliseconds.
 */
public final class CommandLatency {
  private static final int WARM_UP = 3;

  private CommandLatency() {}

  public static Samples measure(SshPath path, int count) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < WARM_UP + count; i++) {
      double ms = Program.timed(path.ssh("true")).toNanos() / 1e6;
      if (i >= WARM_UP) {
        millis.add(ms);
      }
    }
    return Samples.of(millis);
  }
}
