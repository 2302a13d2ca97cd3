package dev.outpost.it;

import dev.outpost.launcher.LocalCluster;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second, real cluster on this machine, {@value #CLUSTER_NAME}, at a site of its own: a {@link
 * SiteCluster} (domain {@code outpost-it-leaf}, its own data directory, CA and admin) inside network
 * namespace {@value #NAMESPACE}, with an edge host {@value #EDGE_NAMESPACE} behind it for its
 * agents. Only tests that need it start one, and close it when done.
 *
 * <pre>
 *   host (test cluster, 10.231.0.1:18443)
 *     | opst-h1 10.232.0.1 ── opst-l0 10.232.0.2      the leaf's uplink: it may dial only
 *   opst-leaf (leaf proxy, :26443)                     10.231.0.1:18443; the host dials nothing in
 *     | opst-l1 10.233.0.1 ── opst-le0 10.233.0.2
 *   opst-leafedge (agents)                             may dial only 10.233.0.1:26443
 * </pre>
 *
 * The host's end of the uplink carries the test cluster's public address {@link
 * EdgeHost#PROXY_ADDRESS} too, so the leaf reaches the root exactly where agents do, whether or
 * not an {@link EdgeHost} is open meanwhile.
 */
public final class LeafSite implements AutoCloseable {
  public static final String CLUSTER_NAME = "leaf";
  public static final String NAMESPACE = "opst-leaf";
  public static final String EDGE_NAMESPACE = "opst-leafedge";
  public static final int ADMIN_PORT = 26848;
  public static final int HTTPS_PORT = 26443;
  private static final NetworkNamespace.Veth UPLINK =
      new NetworkNamespace.Veth("opst-h1", "10.232.0.1/24", "opst-l0", "10.232.0.2/24");
  private static final NetworkNamespace.Veth EDGE_LINK =
      new NetworkNamespace.Veth("opst-l1", "10.233.0.1/24", "opst-le0", "10.233.0.2/24");
  /** Where the leaf's agents and users reach its proxy. */
  public static final String PUBLIC_ADDRESS = EDGE_LINK.outerAddress() + ":" + HTTPS_PORT;

  private final NetworkNamespace namespace;
  private final EdgeHost edge;
  private final SiteCluster site;

  private LeafSite(NetworkNamespace namespace, EdgeHost edge, SiteCluster site) {
    this.namespace = namespace;
    this.edge = edge;
    this.site = site;
  }

  /** Builds the site and starts the leaf cluster; needs {@link EdgeHost#supported()}. */
  public static LeafSite start() {
    return start(Map.of());
  }

  /**
   * As {@link #start()}, with {@code environment} added to the leaf proxy's, e.g. settings a test
   * of trusted clusters needs.
   */
  public static LeafSite start(Map<String, String> environment) {
    NetworkNamespace namespace = NetworkNamespace.create(NAMESPACE, UPLINK.outer());
    EdgeHost edge = null;
    try {
      namespace.linkToHost(UPLINK);
      namespace.run("ip route add default via " + UPLINK.outerAddress());
      NetworkNamespace.sh("ip addr add " + EdgeHost.PROXY_ADDRESS + "/32 dev " + UPLINK.outer());
      namespace.dialOutOnlyTo(EdgeHost.PROXY_ADDRESS, TestCluster.HTTPS_PORT);
      namespace.acceptFrom(EDGE_LINK.outer(), HTTPS_PORT);
      edge = EdgeHost.create(namespace, EDGE_NAMESPACE, EDGE_LINK, HTTPS_PORT);
      SiteCluster site = SiteCluster.start("leaf", CLUSTER_NAME, ADMIN_PORT, HTTPS_PORT,
          PUBLIC_ADDRESS, namespace.network(), environment);
      return new LeafSite(namespace, edge, site);
    } catch (RuntimeException | Error e) {
      if (edge != null) {
        edge.close();
      }
      namespace.close();
      throw e;
    }
  }

  /** The leaf's bootstrap admin, logged in to {@code localhost:26443} from inside the leaf. */
  public Cli leafAdmin() {
    return site.admin();
  }

  /**
   * Starts an agent for node {@code name} ({@code labels} as {@code k=v,…}) in the leaf's edge
   * host, joined to the leaf with a fresh token from {@link #leafAdmin()}, and waits until the leaf
   * lists it online.
   *
   * @param options further {@code outpost-agent start} options
   */
  public Process joinAgent(String name, String labels, Path dataDir, String... options) {
    return edge.join(site.admin(), name, labels, dataDir, options);
  }

  /** The leaf's namespace: run commands there as the leaf's own host would. */
  public NetworkNamespace namespace() {
    return namespace;
  }

  /** The edge host behind the leaf, where {@link #joinAgent} starts agents. */
  public EdgeHost edge() {
    return edge;
  }

  public LocalCluster cluster() {
    return site.cluster();
  }

  /** The leaf's address on its uplink, which the host must not be able to dial. */
  public String uplinkAddress() {
    return UPLINK.innerAddress();
  }

  /** The host's end of the leaf's uplink, its default gateway. */
  public String hostAddress() {
    return UPLINK.outerAddress();
  }

  /** The leaf's uplink goes silent: every packet between it and the host (the root) is dropped. */
  public void cutUplink() {
    namespace.cut(UPLINK.inner());
  }

  public void restoreUplink() {
    namespace.restore(UPLINK.inner());
  }

  /** Stops the agents and the leaf's server, then removes both namespaces and their links. */
  @Override
  public void close() {
    try {
      edge.close();
      site.close();
    } finally {
      namespace.close();
    }
  }
}
