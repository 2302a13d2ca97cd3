package dev.outpost.bench;

import dev.outpost.bench.measure.TlsCipherSuite;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.DirectSshd;
import dev.outpost.bench.setup.TunnelPath;
import dev.outpost.launcher.AdminSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@code bench/ssh-throughput.sh}: stock {@code ssh} through the Outpost tunnel against the
 * machine's own {@code sshd} on loopback, in one run on one machine, then the agent's resident
 * memory and the proxy's heap per idle tunnel. Prints Markdown tables on standard output (and
 * keeps them in {@code target/bench/results.md}); progress goes to standard error.
 *
 * <p>System properties: {@code outpost.root} (the project's top folder, default {@code .}) and
 * {@code outpost.bench.tunnels} (simulated idle agents, default 200).
 */
public final class SshBenchmark {
  private static final int DEFAULT_IDLE_TUNNELS = 200;

  private SshBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    int idleTunnels = Integer.getInteger("outpost.bench.tunnels", DEFAULT_IDLE_TUNNELS);
    if (!"root".equals(System.getProperty("user.name")) || !DirectSshd.installed()) {
      System.err.println("The benchmark must run as root with OpenSSH's sshd installed (Debian: openssh-server):"
          + " it starts sshd and logs in as root over both paths.");
      System.exit(2);
    }
    BenchRun.inCluster(root, "results.md", (cluster, dir) -> run(cluster, dir, idleTunnels));
  }

  private static String run(BenchCluster cluster, Path dir, int idleTunnels) throws IOException {
    AdminSession admin = cluster.adminSession();
    Progress.say("starting sshd on loopback and an agent as node " + TunnelPath.NODE);
    try (DirectSshd direct = DirectSshd.start(dir.resolve("sshd"));
        TunnelPath tunnel = TunnelPath.start(cluster, admin, dir)) {
      AgentMemory agentMemory = AgentMemory.startingNow(tunnel.agentPid());
      String tlsSuite = TlsCipherSuite.of(cluster.cluster().trustContext(),
          URI.create("wss://" + cluster.proxy() + "/api/v1/tunnel/agent"));
      ResultTable paths = PathComparison.run(direct, tunnel, tlsSuite, direct.pid(), tunnel.agentPid(),
          cluster.payaraPid());
      ResultTable agent = agentMemory.measureSessions(tunnel);
      ResultTable proxy = ProxyFootprint.measure(cluster, admin, idleTunnels);
      return String.join("\n", paths.markdown(), agent.markdown(), proxy.markdown());
    }
  }
}
