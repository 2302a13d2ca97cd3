package dev.outpost.bench;

import dev.outpost.bench.measure.CpuMeter;
import dev.outpost.bench.measure.HttpLoad;
import dev.outpost.bench.measure.Samples;

/**
 * One request at a time, directly and through a proxy: the latency, and the CPU each process
 * spends per request. The clients and the server that answers run in this JVM; the proxy (Payara)
 * and the agent are processes of their own.
 */
final class SequentialRequests {
  private final long proxyPid;
  private final long agentPid;
  private final int warmUp;
  private final int count;

  SequentialRequests(long proxyPid, long agentPid, int warmUp, int count) {
    this.proxyPid = proxyPid;
    this.agentPid = agentPid;
    this.warmUp = warmUp;
    this.count = count;
  }

  /** Adds the latency row ({@code what}, one request at a time) and the CPU row to {@code table}. */
  void compare(ResultTable table, String what, String path, HttpLoad direct, HttpLoad proxied) {
    Progress.say(what + ": " + count + " requests one at a time per path");
    direct.latency(path, warmUp);
    proxied.latency(path, warmUp);
    long self = ProcessHandle.current().pid();
    CpuMeter directCpu = CpuMeter.start(self);
    Samples directLatency = direct.latency(path, count);
    double[] directMillis = directCpu.millisPer(count);
    CpuMeter proxiedCpu = CpuMeter.start(self, proxyPid, agentPid);
    Samples proxiedLatency = proxied.latency(path, count);
    double[] proxiedMillis = proxiedCpu.millisPer(count);
    table.row(what + ", one request at a time: median / p99",
        PathComparison.format("%.2f / %.2f ms", directLatency.median(), directLatency.p99()),
        PathComparison.format("%.2f / %.2f ms", proxiedLatency.median(), proxiedLatency.p99()),
        PathComparison.format("+%.2f ms median", proxiedLatency.median() - directLatency.median()));
    table.row("CPU per request of the row above: client and server / proxy / agent",
        PathComparison.format("%.2f ms / — / —", directMillis[0]),
        PathComparison.format("%.2f / %.2f / %.2f ms", proxiedMillis[0], proxiedMillis[1],
            proxiedMillis[2]),
        PathComparison.format("%.2f ms in all",
            proxiedMillis[0] + proxiedMillis[1] + proxiedMillis[2]));
  }
}
