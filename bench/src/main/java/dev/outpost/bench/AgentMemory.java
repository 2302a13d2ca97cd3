package dev.outpost.bench;

import static dev.outpost.bench.PathComparison.format;

import dev.outpost.bench.measure.OpenSessions;
import dev.outpost.bench.measure.ProcessStatus;
import dev.outpost.bench.setup.Pause;
import dev.outpost.bench.setup.SshPath;
import java.time.Duration;

/**
 * The agent's resident memory ({@code VmRSS}): idle right after it came online, idle again after
 * the traffic of the path comparison (heap and code cache have grown by then), and with 1 and 10
 * idle sessions open, against the targets of 96 MiB with one session and 4 MiB per extra session.
 */
final class AgentMemory {
  static final double ONE_SESSION_TARGET_MIB = 96;
  static final double PER_SESSION_TARGET_MIB = 4;
  private static final int MANY_SESSIONS = 10;
  /**
   * Long enough for session set-up garbage to settle into the heap's steady state, and longer
   * than the agent's native-heap trim interval (5 s): whether a trim of the compiler's freed
   * scratch memory fell between a change and its reading no longer decides several MiB.
   */
  private static final Duration SETTLE = Duration.ofSeconds(6);

  private final long pid;
  private final ProcessStatus fresh;

  private AgentMemory(long pid, ProcessStatus fresh) {
    this.pid = pid;
    this.fresh = fresh;
  }

  /** Takes the first reading: the agent idle, just online. */
  static AgentMemory startingNow(long pid) {
    Pause.of(SETTLE);
    return new AgentMemory(pid, ProcessStatus.of(pid));
  }

  /** Takes the other readings and returns the table of all. */
  ResultTable measureSessions(SshPath tunnel) {
    Progress.say("agent memory with 1 and " + MANY_SESSIONS + " open sessions");
    Pause.of(SETTLE);
    ProcessStatus afterLoad = ProcessStatus.of(pid);
    ProcessStatus one = withSessions(tunnel, 1);
    ProcessStatus many = withSessions(tunnel, MANY_SESSIONS);
    double perSession = (many.residentMib() - one.residentMib()) / (MANY_SESSIONS - 1);
    return new ResultTable("agent state", "RSS", "threads", "target")
        .row("idle, just online", mib(fresh), Integer.toString(fresh.threads()), "")
        .row("idle, after the runs above", mib(afterLoad), Integer.toString(afterLoad.threads()), "")
        .row("1 open session", mib(one), Integer.toString(one.threads()), verdict(one.residentMib() < ONE_SESSION_TARGET_MIB,
            format("< %.0f MiB", ONE_SESSION_TARGET_MIB)))
        .row(MANY_SESSIONS + " open sessions", mib(many), Integer.toString(many.threads()), "")
        .row("each extra session", format("%.2f MiB", perSession),
            format("%.1f", (many.threads() - one.threads()) / (double) (MANY_SESSIONS - 1)),
            verdict(perSession < PER_SESSION_TARGET_MIB, format("< %.0f MiB", PER_SESSION_TARGET_MIB)));
  }

  private ProcessStatus withSessions(SshPath tunnel, int count) {
    try (OpenSessions sessions = OpenSessions.open(tunnel, count)) {
      Pause.of(SETTLE);
      return ProcessStatus.of(pid);
    } finally {
      Pause.of(SETTLE); // the agent closes the sessions
    }
  }

  private static String mib(ProcessStatus status) {
    return format("%.1f MiB", status.residentMib());
  }

  static String verdict(boolean met, String target) {
    return target + ": " + (met ? "met" : "not met");
  }
}
