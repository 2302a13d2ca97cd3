package dev.outpost.launcher;

import java.nio.file.Path;

/**
 * Where a local cluster lives and which ports it uses.
 *
 * @param root the project's top folder
 * @param domainName Payara domain name, one per purpose so a running demo and a test run coexist
 * @param adminPort Payara's admin listener, bound to loopback
 * @param httpsPort the single public TLS port
 * @param dataDir H2 database, CA key store, recordings
 * @param clusterName the cluster name in every node address and certificate
 * @param publicAddr the address clients and agents dial
 * @param loopbackHttp keep Payara's plain HTTP listener, bound to loopback only: Arquillian runs
 *     in-container tests through it. Off for a real cluster, where only TLS is served.
 * @param network where the server runs: this host, or a network namespace (a second cluster in a
 *     test, behind its own firewall). Each domain is a Payara cluster of one, its data grid off,
 *     so two domains on one machine never join each other.
 */
public record ClusterLayout(
    Path root,
    String domainName,
    int adminPort,
    int httpsPort,
    Path dataDir,
    String clusterName,
    String publicAddr,
    boolean loopbackHttp,
    ProcessNetwork network) {

  /** A cluster on this host's own network. */
  public ClusterLayout(Path root, String domainName, int adminPort, int httpsPort, Path dataDir,
      String clusterName, String publicAddr, boolean loopbackHttp) {
    this(root, domainName, adminPort, httpsPort, dataDir, clusterName, publicAddr, loopbackHttp,
        ProcessNetwork.HOST);
  }

  public Path payaraHome() {
    return root.resolve("target/payara6");
  }

  public Path domainsDir() {
    return root.resolve("target/payara-domains");
  }

  public Path domainDir() {
    return domainsDir().resolve(domainName);
  }

  public Path earFile() {
    return root.resolve("ear/target/outpost.ear");
  }

  public Path agentJar() {
    return root.resolve("agent/target/outpost-agent.jar");
  }

  public Path cliJar() {
    return root.resolve("cli/target/outpost.jar");
  }

  /** {@code https://localhost:PORT}: how processes on this machine reach the proxy. */
  public String localUrl() {
    return "https://localhost:" + httpsPort;
  }
}
