package dev.outpost.it;

import dev.outpost.launcher.AgentCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A device behind a one-way firewall: a Linux network namespace joined by a veth pair to the
 * network its proxy is on, whose packet filter lets it open connections to the proxy's TLS port
 * and nothing else, and lets nothing in that it did not open itself. {@link #create()} puts it
 * beside the test cluster, whose public address {@link #PROXY_ADDRESS} is the host's end of the
 * link; {@link #create(NetworkNamespace, String, NetworkNamespace.Veth, int)} behind another
 * proxy, such as a leaf cluster's in its own namespace.
 */
public final class EdgeHost implements AutoCloseable {
  public static final String PROXY_ADDRESS = "10.231.0.1";
  private static final String NAMESPACE = "opst-edge";
  /** Where a {@link DelayRelay} listens inside the namespace, on {@link #relaySource}. */
  private static final int RELAY_PORT = 28999;
  private static final NetworkNamespace.Veth LINK =
      new NetworkNamespace.Veth("opst-h0", PROXY_ADDRESS + "/24", "opst-e0", "10.231.0.2/24");

  private final NetworkNamespace namespace;
  private final NetworkNamespace.Veth link;
  private final String proxy;
  private final int proxyPort;
  /** Where the proxy runs: null for this host, else the namespace on the link's outer end. */
  private final NetworkNamespace outer;
  /** The inner end's address now, in CIDR form: {@link #readdress} moves it. */
  private volatile String innerCidr;
  private String lossRule;
  private boolean delayed;
  private Process relay;
  private String redirectRule;
  private String relayRule;

  private EdgeHost(NetworkNamespace namespace, NetworkNamespace.Veth link, int proxyPort,
      NetworkNamespace outer) {
    this.namespace = namespace;
    this.link = link;
    this.proxy = link.outerAddress() + ":" + proxyPort;
    this.proxyPort = proxyPort;
    this.outer = outer;
    this.innerCidr = link.innerCidr();
  }

  /** Whether this JVM may make namespaces: root, with {@code ip} and {@code iptables} installed. */
  public static boolean supported() {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/sbin/ip"))
        && Files.isExecutable(Path.of("/usr/sbin/iptables"));
  }

  /** The edge host {@code opst-edge} (10.231.0.2), whose agents dial the test cluster. */
  public static EdgeHost create() {
    return create(TestCluster.HTTPS_PORT);
  }

  /**
   * The edge host {@code opst-edge} (10.231.0.2), whose agents dial {@link #PROXY_ADDRESS} on
   * {@code proxyPort}: a further cluster's proxy on this host (a {@link SiteCluster}).
   */
  public static EdgeHost create(int proxyPort) {
    NetworkNamespace namespace = NetworkNamespace.create(NAMESPACE, LINK.outer());
    namespace.linkToHost(LINK);
    return fenced(namespace, LINK, proxyPort, null);
  }

  /**
   * The edge host {@code name} joined by {@code link} to namespace {@code outer}, where a proxy
   * listens on the link's outer address and {@code proxyPort}: the only place its agents may dial.
   */
  public static EdgeHost create(NetworkNamespace outer, String name, NetworkNamespace.Veth link, int proxyPort) {
    NetworkNamespace namespace = NetworkNamespace.create(name);
    namespace.linkTo(outer, link);
    return fenced(namespace, link, proxyPort, outer);
  }

  private static EdgeHost fenced(NetworkNamespace namespace, NetworkNamespace.Veth link, int proxyPort,
      NetworkNamespace outer) {
    namespace.dialOutOnlyTo(link.outerAddress(), proxyPort);
    return new EdgeHost(namespace, link, proxyPort, outer);
  }

  /**
   * Drops every packet on the edge's link in both directions, as a dead cellular link does:
   * connections are not reset, they just hear nothing until {@link #restoreNetwork}.
   */
  public void cutNetwork() {
    namespace.cut(link.inner());
  }

  public void restoreNetwork() {
    namespace.restore(link.inner());
  }

  /** The edge's address on its link now (10.231.0.2 until {@link #readdress}). */
  public String address() {
    return innerCidr.substring(0, innerCidr.indexOf('/'));
  }

  /**
   * Gives the edge's end of its link the address {@code cidr} instead of its current one, as a
   * cellular device gets another address when it reattaches: connections from the old address are
   * dead, new ones leave from the new address. The packet filter names the proxy's address only,
   * and nothing translates addresses on the way, so no other rule changes.
   */
  public void readdress(String cidr) {
    String old = innerCidr;
    // Removed first: deleting a primary address would take a secondary in its subnet with it.
    exec("ip addr del " + old + " dev " + link.inner() + " && ip addr add " + cidr + " dev "
        + link.inner()).requireSuccess();
    innerCidr = cidr;
  }

  /**
   * Aborts the proxy side's TCP connections from this edge ({@code ss -K}), as a NAT box or the
   * proxy's own keep-alive eventually would: the proxy notices the loss at once instead of after
   * its idle timeout. Returns whether {@code ss} aborted any (the kernel may lack socket destroy
   * support; the proxy then notices when its keep-alive runs out).
   */
  public boolean abortProxyConnections() {
    List<String> command = List.of("bash", "-c", "ss -K -t dst " + address());
    Command.Result result = outer == null
        ? Command.run(command, Map.of(), null, Duration.ofSeconds(30))
        : outer.exec("ss -K -t dst " + address());
    return result.exitCode() == 0 && result.stdout().lines().skip(1).findAny().isPresent();
  }

  /**
   * Drops each packet on the edge's link, either way, with {@code probability}, as a poor radio
   * link does ({@code iptables -m statistic}); {@link #clearImpairments} ends it.
   *
   * @return false when this kernel's packet filter cannot (no statistic match)
   */
  public boolean losePackets(double probability) {
    String rule = " -m statistic --mode random --probability " + probability + " -j DROP";
    Command.Result result = exec("iptables -I INPUT 1 -i " + link.inner() + rule
        + " && iptables -I OUTPUT 1 -o " + link.inner() + rule);
    if (result.exitCode() == 0) {
      lossRule = rule;
      return true;
    }
    return false;
  }

  /**
   * Adds {@code delay} to the edge's link. With netem in the kernel, every packet the edge sends
   * waits that long ({@code tc netem}), which adds it to every round trip. Without netem, new
   * connections from the edge to its proxy are redirected to a {@link DelayRelay} in the
   * namespace, which holds every chunk for {@code delay} each way before it crosses the link:
   * twice the delay per round trip, at the stream rather than the packet level, and only for
   * connections made from now on (the caller makes its agents redial). {@link #clearImpairments}
   * ends either.
   *
   * @return how the delay is made, for the test's report
   */
  public String delayTraffic(Duration delay) {
    if (exec("tc qdisc add dev " + link.inner() + " root netem delay " + delay.toMillis() + "ms")
        .exitCode() == 0) {
      delayed = true;
      return "tc netem: every packet the edge sends waits " + delay.toMillis() + " ms";
    }
    exec("ip addr add " + relaySource() + "/32 dev " + link.inner()).requireSuccess();
    String relayLog = "delay-relay-" + System.nanoTime() + ".log";
    relay = spawn(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        relayClasses(), DelayRelay.class.getName(), String.valueOf(RELAY_PORT), relaySource(),
        link.outerAddress(), String.valueOf(proxyPort), String.valueOf(delay.toMillis())),
        TestCluster.get().layout().dataDir().resolve(relayLog));
    redirectRule = "-p tcp -d " + link.outerAddress() + " --dport " + proxyPort + " ! -s " + relaySource()
        + " -j DNAT --to-destination " + relaySource() + ":" + RELAY_PORT;
    // the firewall's rules see the redirected connection with the link's interface, not lo
    relayRule = "-p tcp -d " + relaySource() + " --dport " + RELAY_PORT + " -j ACCEPT";
    exec("iptables -I OUTPUT 1 " + relayRule + " && iptables -I INPUT 1 " + relayRule
        + " && iptables -t nat -I OUTPUT 1 " + redirectRule).requireSuccess();
    return "no netem in this kernel: connections to the proxy relayed in the edge namespace, every "
        + "chunk held " + delay.toMillis() + " ms each way (" + relayLog + ")";
  }

  /** The address a {@link DelayRelay} listens on and dials out from: .250 in the link's network. */
  private String relaySource() {
    String outer = link.outerAddress();
    return outer.substring(0, outer.lastIndexOf('.')) + ".250";
  }

  private static String relayClasses() {
    try {
      return Path.of(DelayRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends {@link #losePackets} and {@link #delayTraffic}. */
  public void clearImpairments() {
    if (lossRule != null) {
      exec("iptables -D INPUT -i " + link.inner() + lossRule + "; iptables -D OUTPUT -o " + link.inner()
          + lossRule);
      lossRule = null;
    }
    if (delayed) {
      exec("tc qdisc del dev " + link.inner() + " root");
      delayed = false;
    }
    if (relay != null) {
      exec("iptables -t nat -D OUTPUT " + redirectRule + "; iptables -D OUTPUT " + relayRule
          + "; iptables -D INPUT " + relayRule);
      relay.destroyForcibly();
      exec("ip addr del " + relaySource() + "/32 dev " + link.inner());
      relay = null;
    }
  }

  /** Starts {@code command} inside the namespace, output to {@code log}. */
  public Process spawn(List<String> command, Path log) {
    return namespace.spawn(command, log);
  }

  /** Runs a short command inside the namespace. */
  public Command.Result exec(String shellCommand) {
    return namespace.exec(shellCommand);
  }

  /**
   * Joins node {@code name} ({@code labels} as {@code k=v,…}) with a fresh single-use token that
   * {@code admin} issues, and waits until {@code admin} sees it online.
   *
   * @param options further {@code outpost-agent start} options
   */
  public Process join(Cli admin, String name, String labels, Path dataDir, String... options) {
    return join(admin, name, labels, dataDir, UnaryOperator.identity(), options);
  }

  /**
   * Like {@link #join(Cli, String, String, Path, String...)}, the agent's command run as {@code
   * around} makes it: e.g. as a process of a pod, with the pod's mounts and environment.
   */
  public Process join(Cli admin, String name, String labels, Path dataDir,
      UnaryOperator<List<String>> around, String... options) {
    var token = admin.json("admin", "tokens", "add", "--type=node", "--ttl=10m", "--format=json");
    Process agent = spawn(around.apply(agentCommand(name, dataDir, joining(labels,
        token.get("token").asText(), token.get("ca_pin").asText(), options))),
        dataDir.resolveSibling(name + ".log"));
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
    return startJoinedAgent(name, dataDir, joining(labels, token, caPin, options));
  }

  private static String[] joining(String labels, String token, String caPin, String... options) {
    List<String> joining = new ArrayList<>(List.of("--token=" + token, "--ca-pin=" + caPin,
        "--labels=" + labels));
    joining.addAll(List.of(options));
    return joining.toArray(String[]::new);
  }

  /**
   * Starts the agent of node {@code name} from {@code dataDir}, where it keeps the identity of an
   * earlier join (the restarted agent's output replaces the earlier log).
   *
   * @param options further {@code outpost-agent start} options
   */
  public Process startJoinedAgent(String name, Path dataDir, String... options) {
    return spawn(agentCommand(name, dataDir, options), dataDir.resolveSibling(name + ".log"));
  }

  private List<String> agentCommand(String name, Path dataDir, String... options) {
    List<String> command = new ArrayList<>(AgentCommand.of(TestCluster.get().layout().agentJar()));
    command.addAll(List.of("start", "--proxy=" + proxy,
        "--name=" + name, "--data-dir=" + dataDir));
    command.addAll(List.of(options));
    return command;
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
    namespace.close();
  }
}
