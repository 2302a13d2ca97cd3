package dev.outpost.it;

import dev.outpost.launcher.ProcessNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Linux network namespace made for a test, joined by veth pairs to this host or to another
 * namespace, with a packet filter that lets it dial what it is allowed to and nothing else.
 * Creating one first removes what a killed earlier run left under the same names; {@link #close}
 * kills what still runs inside and removes the namespace with its links.
 */
public final class NetworkNamespace implements AutoCloseable {
  private final String name;
  private final ProcessNetwork network;
  private final List<String> hostLinks;
  private final List<Process> processes = new ArrayList<>();

  /**
   * One veth pair: {@code outer} on the host or in the namespace linked to, {@code inner} in this
   * one, each with an address in CIDR form ({@code 10.231.0.1/24}).
   */
  public record Veth(String outer, String outerCidr, String inner, String innerCidr) {
    /** The inner end's address without its prefix length: what the other side dials. */
    public String innerAddress() {
      return innerCidr.substring(0, innerCidr.indexOf('/'));
    }

    public String outerAddress() {
      return outerCidr.substring(0, outerCidr.indexOf('/'));
    }
  }

  private NetworkNamespace(String name, List<String> hostLinks) {
    this.name = name;
    this.network = ProcessNetwork.namespace(name);
    this.hostLinks = hostLinks;
  }

  /**
   * A fresh namespace {@code name} with loopback up.
   *
   * @param hostLinks links it will have on the host side, removed with it (and before, if left
   *     over)
   */
  public static NetworkNamespace create(String name, String... hostLinks) {
    NetworkNamespace namespace = new NetworkNamespace(name, List.of(hostLinks));
    namespace.remove();
    sh("ip netns add " + name);
    namespace.run("ip link set lo up");
    return namespace;
  }

  public String name() {
    return name;
  }

  /** How launcher code runs a process in here. */
  public ProcessNetwork network() {
    return network;
  }

  /** Joins this namespace to the host through {@code veth}. */
  public void linkToHost(Veth veth) {
    sh("ip link add " + veth.outer() + " type veth peer name " + veth.inner() + " netns " + name);
    sh("ip addr add " + veth.outerCidr() + " dev " + veth.outer());
    sh("ip link set " + veth.outer() + " up");
    configureInner(veth);
  }

  /** Joins this namespace to {@code outer} through {@code veth}; removed with either namespace. */
  public void linkTo(NetworkNamespace outer, Veth veth) {
    outer.run("ip link add " + veth.outer() + " type veth peer name " + veth.inner() + " netns " + name);
    outer.run("ip addr add " + veth.outerCidr() + " dev " + veth.outer());
    outer.run("ip link set " + veth.outer() + " up");
    configureInner(veth);
  }

  private void configureInner(Veth veth) {
    run("ip addr add " + veth.innerCidr() + " dev " + veth.inner());
    run("ip link set " + veth.inner() + " up");
  }

  /**
   * The packet filter of a host behind a one-way firewall: loopback and replies pass, new
   * connections out only to {@code address:port} (TCP), nothing new comes in (until {@link
   * #acceptFrom}).
   */
  public void dialOutOnlyTo(String address, int port) {
    run("iptables -A INPUT -i lo -j ACCEPT");
    run("iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
    run("iptables -P INPUT DROP");
    run("iptables -A OUTPUT -o lo -j ACCEPT");
    run("iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
    run("iptables -A OUTPUT -p tcp -d " + address + " --dport " + port + " -m conntrack --ctstate NEW -j ACCEPT");
    run("iptables -P OUTPUT DROP");
  }

  /** Lets new TCP connections in to {@code port}, from {@code link} only. */
  public void acceptFrom(String link, int port) {
    run("iptables -A INPUT -i " + link + " -p tcp --dport " + port + " -m conntrack --ctstate NEW -j ACCEPT");
  }

  /**
   * Drops every packet on {@code link} in both directions, as a dead cellular link does:
   * connections are not reset, they just hear nothing until {@link #restore}.
   */
  public void cut(String link) {
    run("iptables -I INPUT 1 -i " + link + " -j DROP");
    run("iptables -I OUTPUT 1 -o " + link + " -j DROP");
  }

  public void restore(String link) {
    run("iptables -D INPUT -i " + link + " -j DROP");
    run("iptables -D OUTPUT -o " + link + " -j DROP");
  }

  /** Starts {@code command} inside the namespace, output to {@code log}; killed by close. */
  public Process spawn(List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(network.command(command)).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a short shell command inside the namespace. */
  public Command.Result exec(String shellCommand) {
    return Command.run(network.command(List.of("bash", "-c", shellCommand)), Map.of(), null,
        Duration.ofSeconds(30));
  }

  /** Runs a command inside the namespace, requiring success. */
  public void run(String command) {
    exec(command).requireSuccess();
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    remove();
  }

  private void remove() {
    StringBuilder script = new StringBuilder("ip netns pids " + name + " 2>/dev/null | xargs -r kill -9; "
        + "ip netns del " + name + " 2>/dev/null; ");
    hostLinks.forEach(link -> script.append("ip link del ").append(link).append(" 2>/dev/null; "));
    Command.run(List.of("bash", "-c", script + "true"), Map.of(), null, Duration.ofSeconds(30));
  }

  /** Runs a command on the host, requiring success. */
  static void sh(String command) {
    Command.run(List.of("bash", "-c", command), Map.of(), null, Duration.ofSeconds(30)).requireSuccess();
  }
}
