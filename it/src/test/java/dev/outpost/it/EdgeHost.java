package dev.outpost.it;

import dev.outpost.launcher.AgentCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A device behind a one-way firewall: a Linux network namespace joined to this host by a veth
 * pair, whose packet filter lets it open connections to the proxy's TLS port and nothing else, and
 * lets nothing in that it did not open itself. The proxy side of the link is {@link
 * #PROXY_ADDRESS}, where the test cluster's public address points.
 */
public final class EdgeHost implements AutoCloseable {
  public static final String PROXY_ADDRESS = "10.231.0.1";
  private static final String EDGE_ADDRESS = "10.231.0.2";
  private static final String NAMESPACE = "opst-edge";
  private static final String HOST_LINK = "opst-h0";
  private static final String EDGE_LINK = "opst-e0";

  private final List<Process> processes = new ArrayList<>();

  private EdgeHost() {}

  /** Whether this JVM may make namespaces: root, with {@code ip} and {@code iptables} installed. */
  public static boolean supported() {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/sbin/ip"))
        && Files.isExecutable(Path.of("/usr/sbin/iptables"));
  }

  public static EdgeHost create() {
    removeLeftovers();
    sh("ip netns add " + NAMESPACE);
    sh("ip link add " + HOST_LINK + " type veth peer name " + EDGE_LINK);
    sh("ip link set " + EDGE_LINK + " netns " + NAMESPACE);
    sh("ip addr add " + PROXY_ADDRESS + "/24 dev " + HOST_LINK);
    sh("ip link set " + HOST_LINK + " up");
    inside("ip addr add " + EDGE_ADDRESS + "/24 dev " + EDGE_LINK);
    inside("ip link set " + EDGE_LINK + " up");
    inside("ip link set lo up");
    dialOutOnly();
    return new EdgeHost();
  }

  /** Outbound to the proxy's TLS port and replies to it; everything else on the link dropped. */
  private static void dialOutOnly() {
    inside("iptables -A INPUT -i lo -j ACCEPT");
    inside("iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
    inside("iptables -P INPUT DROP");
    inside("iptables -A OUTPUT -o lo -j ACCEPT");
    inside("iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
    inside("iptables -A OUTPUT -p tcp -d " + PROXY_ADDRESS + " --dport " + TestCluster.HTTPS_PORT
        + " -m conntrack --ctstate NEW -j ACCEPT");
    inside("iptables -P OUTPUT DROP");
  }

  /**
   * Drops every packet on the edge's link in both directions, as a dead cellular link does:
   * connections are not reset, they just hear nothing until {@link #restoreNetwork}.
   */
  public void cutNetwork() {
    inside("iptables -I INPUT 1 -i " + EDGE_LINK + " -j DROP");
    inside("iptables -I OUTPUT 1 -o " + EDGE_LINK + " -j DROP");
  }

  public void restoreNetwork() {
    inside("iptables -D INPUT -i " + EDGE_LINK + " -j DROP");
    inside("iptables -D OUTPUT -o " + EDGE_LINK + " -j DROP");
  }

  public String address() {
    return EDGE_ADDRESS;
  }

  /** Starts {@code command} inside the namespace, output to {@code log}. */
  public Process spawn(List<String> command, Path log) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE));
    full.addAll(command);
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a short command inside the namespace. */
  public Command.Result exec(String shellCommand) {
    return Command.run(List.of("ip", "netns", "exec", NAMESPACE, "bash", "-c", shellCommand), Map.of(), null,
        Duration.ofSeconds(30));
  }

  /**
   * Joins node {@code name} ({@code labels} as {@code k=v,…}) with a fresh single-use token that
   * {@code admin} issues, and waits until {@code admin} sees it online.
   *
   * @param options further {@code outpost-agent start} options
   */
  public Process join(Cli admin, String name, String labels, Path dataDir, String... options) {
    var token = admin.json("admin", "tokens", "add", "--type=node", "--ttl=10m", "--format=json");
    Process agent = startAgent(name, labels, token.get("token").asText(),
        token.get("ca_pin").asText(), dataDir, options);
    admin.awaitOnline(name, Duration.ofSeconds(90));
    return agent;
  }

  /** Starts an agent labelled {@code env=edge} that joins with {@code token}, pinning the cluster CA. */
  public Process startAgent(String name, String token, String caPin, Path dataDir, String... options) {
    return startAgent(name, "env=edge", token, caPin, dataDir, options);
  }

  /**
   * Starts an agent with {@code labels} ({@code k=v,…}) that joins with {@code token}.
   *
   * @param options further {@code outpost-agent start} options
   */
  public Process startAgent(String name, String labels, String token, String caPin, Path dataDir,
      String... options) {
    List<String> joining = new ArrayList<>(List.of("--token=" + token, "--ca-pin=" + caPin,
        "--labels=" + labels));
    joining.addAll(List.of(options));
    return startJoinedAgent(name, dataDir, joining.toArray(String[]::new));
  }

  /**
   * Starts the agent of node {@code name} from {@code dataDir}, where it keeps the identity of an
   * earlier join (the restarted agent's output replaces the earlier log).
   *
   * @param options further {@code outpost-agent start} options
   */
  public Process startJoinedAgent(String name, Path dataDir, String... options) {
    List<String> command = new ArrayList<>(AgentCommand.of(TestCluster.get().layout().agentJar()));
    command.addAll(List.of("start", "--proxy=" + PROXY_ADDRESS + ":" + TestCluster.HTTPS_PORT,
        "--name=" + name, "--data-dir=" + dataDir));
    command.addAll(List.of(options));
    return spawn(command, dataDir.resolveSibling(name + ".log"));
  }

  /** The uplink fails silently, as a cellular link does: every packet either way is dropped. */
  public void cutLink() {
    exec("iptables -I INPUT 1 -j DROP && iptables -I OUTPUT 1 -j DROP").requireSuccess();
  }

  /** The uplink works again; connections it carried before may have timed out meanwhile. */
  public void restoreLink() {
    exec("iptables -D INPUT -j DROP && iptables -D OUTPUT -j DROP").requireSuccess();
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    removeLeftovers();
  }

  private static void removeLeftovers() {
    Command.run(List.of("bash", "-c", "ip netns pids " + NAMESPACE + " 2>/dev/null | xargs -r kill -9; "
        + "ip netns del " + NAMESPACE + " 2>/dev/null; ip link del " + HOST_LINK + " 2>/dev/null; true"),
        Map.of(), null, Duration.ofSeconds(30));
  }

  private static void inside(String command) {
    sh("ip netns exec " + NAMESPACE + " " + command);
  }

  private static void sh(String command) {
    Command.run(List.of("bash", "-c", command), Map.of(), null, Duration.ofSeconds(30)).requireSuccess();
  }
}
