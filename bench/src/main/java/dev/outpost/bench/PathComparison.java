package dev.outpost.bench;

import dev.outpost.bench.measure.CommandLatency;
import dev.outpost.bench.measure.CpuTime;
import dev.outpost.bench.measure.EchoRoundTrip;
import dev.outpost.bench.measure.NegotiatedCipher;
import dev.outpost.bench.measure.PathCpuTime;
import dev.outpost.bench.measure.Samples;
import dev.outpost.bench.measure.Throughput;
import dev.outpost.bench.setup.SshPath;
import java.time.Duration;
import java.util.Locale;

/**
 * The same three SSH measurements over the direct path and the tunnel, one after the other on the
 * same machine, with the tunnel's throughput held against its target of 0.6× direct.
 */
final class PathComparison {
  static final double THROUGHPUT_TARGET = 0.6;
  private static final int THROUGHPUT_RUNS = 3;
  private static final long WARM_UP_BYTES = 256L << 20;
  private static final int COMMAND_RUNS = 30;
  private static final int ECHOES = 1000;

  private PathComparison() {}

  /**
   * @param tlsSuite the cipher suite of the tunnel's two TLS legs (CLI and agent to proxy)
   * @param sshdPid the direct path's sshd, {@code agentPid} the tunnel's agent, {@code proxyPid} its
   *     proxy: their CPU per GiB is reported
   */
  static ResultTable run(SshPath direct, SshPath tunnel, String tlsSuite, long sshdPid, long agentPid,
      long proxyPid) {
    ResultTable table = new ResultTable("measure", "direct OpenSSH", "Outpost tunnel", "tunnel vs direct");
    Progress.say("negotiated ciphers");
    table.row("SSH cipher (server→client)", NegotiatedCipher.of(direct), NegotiatedCipher.of(tunnel), "");
    table.row("TLS cipher suite, CLI and agent to proxy", "—", tlsSuite, "");

    Progress.say("throughput: " + THROUGHPUT_RUNS + " × 1 GiB per path");
    Duration directBefore = PathCpuTime.ofClients().plus(PathCpuTime.ofServer(sshdPid));
    Samples directRate = Throughput.measure(direct, Throughput.GIBIBYTE, WARM_UP_BYTES, THROUGHPUT_RUNS);
    Duration directPath = PathCpuTime.ofClients().plus(PathCpuTime.ofServer(sshdPid)).minus(directBefore);
    Duration agentBefore = CpuTime.of(agentPid);
    Duration proxyBefore = CpuTime.of(proxyPid);
    Duration tunnelBefore = tunnelPathCpu(agentPid, proxyPid);
    Samples tunnelRate = Throughput.measure(tunnel, Throughput.GIBIBYTE, WARM_UP_BYTES, THROUGHPUT_RUNS);
    Duration tunnelPath = tunnelPathCpu(agentPid, proxyPid).minus(tunnelBefore);
    double gibibytes = (WARM_UP_BYTES + THROUGHPUT_RUNS * Throughput.GIBIBYTE) / (double) Throughput.GIBIBYTE;
    double ratio = tunnelRate.median() / directRate.median();
    table.row("`head -c 1G /dev/zero` > /dev/null, median of " + THROUGHPUT_RUNS,
        format("%.0f MB/s", directRate.median()), format("%.0f MB/s", tunnelRate.median()),
        format("%.2f× (target ≥ %.1f×: %s)", ratio, THROUGHPUT_TARGET, ratio >= THROUGHPUT_TARGET ? "met" : "not met"));
    table.row("CPU seconds per GiB of the above: agent / proxy", "—",
        format("%.1f / %.1f s", cpuSeconds(agentPid, agentBefore) / gibibytes, cpuSeconds(proxyPid, proxyBefore) / gibibytes),
        "");
    double directPerGib = directPath.toMillis() / 1000.0 / gibibytes;
    double tunnelPerGib = tunnelPath.toMillis() / 1000.0 / gibibytes;
    table.row("CPU seconds per GiB, every process on the path (ssh and its ProxyCommand, sshd or"
            + " proxy and agent, `head`)",
        format("%.1f s", directPerGib), format("%.1f s", tunnelPerGib),
        format("%.1f× the CPU per byte", tunnelPerGib / directPerGib));

    Progress.say("`ssh node true` × " + COMMAND_RUNS + " per path");
    latencyRow(table, "`ssh node true`, median / p99 of " + COMMAND_RUNS,
        CommandLatency.measure(direct, COMMAND_RUNS), CommandLatency.measure(tunnel, COMMAND_RUNS), "%.0f");

    Progress.say("1-byte echo × " + ECHOES + " per path");
    latencyRow(table, "1-byte echo round trip in one session, median / p99 of " + ECHOES,
        EchoRoundTrip.measure(direct, ECHOES), EchoRoundTrip.measure(tunnel, ECHOES), "%.3f");
    return table;
  }

  private static Duration tunnelPathCpu(long agentPid, long proxyPid) {
    return PathCpuTime.ofClients().plus(PathCpuTime.ofServer(proxyPid)).plus(PathCpuTime.ofServer(agentPid));
  }

  private static double cpuSeconds(long pid, Duration before) {
    return CpuTime.of(pid).minus(before).toMillis() / 1000.0;
  }

  private static void latencyRow(ResultTable table, String measure, Samples direct, Samples tunnel, String number) {
    String pair = number + " / " + number + " ms";
    table.row(measure, format(pair, direct.median(), direct.p99()), format(pair, tunnel.median(), tunnel.p99()),
        format("+" + number + " ms median", tunnel.median() - direct.median()));
  }

  static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
