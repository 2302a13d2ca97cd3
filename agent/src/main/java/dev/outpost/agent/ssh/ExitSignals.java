package dev.outpost.agent.ssh;

import java.util.Map;
import java.util.Optional;

/**
 * Recovers the signal that killed a session's process from its exit code. Java (like runuser,
 * which stands between the agent and the login's process when the agent is root) reports death by
 * signal N as exit code 128 + N; a process that exits with such a code on purpose is reported as
 * killed too, the price of not seeing the raw wait status. The names are RFC 4254's.
 */
final class ExitSignals {
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(1, "HUP"),
          Map.entry(2, "INT"),
          Map.entry(3, "QUIT"),
          Map.entry(4, "ILL"),
          Map.entry(6, "ABRT"),
          Map.entry(8, "FPE"),
          Map.entry(9, "KILL"),
          Map.entry(10, "USR1"),
          Map.entry(11, "SEGV"),
          Map.entry(12, "USR2"),
          Map.entry(13, "PIPE"),
          Map.entry(14, "ALRM"),
          Map.entry(15, "TERM"));

  private ExitSignals() {}

  /** The signal name for exit code {@code 128 + N}, if N is one SSH can name. */
  static Optional<String> fromExitCode(int exitCode) {
    return exitCode > 128 ? Optional.ofNullable(NAMES.get(exitCode - 128)) : Optional.empty();
  }
}
