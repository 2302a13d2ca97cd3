package dev.outpost.it;

import dev.outpost.launcher.AgentCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
  private static final NetworkNamespace.Veth LINK =
      new NetworkNamespace.Veth("opst-h0", PROXY_ADDRESS + "/24", "opst-e0", "10.231.0.2/24");

  private final NetworkNamespace namespace;
  private final NetworkNamespace.Veth link;
  private final String proxy;

  private EdgeHost(NetworkNamespace namespace, NetworkNamespace.Veth link, int proxyPort) {
    this.namespace = namespace;
    this.link = link;
    this.proxy = link.outerAddress() + ":" + proxyPort;
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
    return fenced(namespace, LINK, proxyPort);
  }

  /**
   * The edge host {@code name} joined by {@code link} to namespace {@code outer}, where a proxy
   * listens on the link's outer address and {@code proxyPort}: the only place its agents may dial.
   */
  public static EdgeHost create(NetworkNamespace outer, String name, NetworkNamespace.Veth link, int proxyPort) {
    NetworkNamespace namespace = NetworkNamespace.create(name);
    namespace.linkTo(outer, link);
    return fenced(namespace, link, proxyPort);
  }

  private static EdgeHost fenced(NetworkNamespace namespace, NetworkNamespace.Veth link, int proxyPort) {
    namespace.dialOutOnlyTo(link.outerAddress(), proxyPort);
    return new EdgeHost(namespace, link, proxyPort);
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

  public String address() {
    return link.innerAddress();
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
    command.addAll(List.of("start", "--proxy=" + proxy,
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
    namespace.close();
  }
}
