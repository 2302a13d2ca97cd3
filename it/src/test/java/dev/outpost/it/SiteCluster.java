package dev.outpost.it;

import dev.outpost.launcher.ClusterLayout;
import dev.outpost.launcher.Directories;
import dev.outpost.launcher.LocalCluster;
import dev.outpost.launcher.ProcessNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A further real cluster beside the shared {@link TestCluster}, for the one suite that needs it:
 * Payara domain {@code outpost-it-NAME} on ports of its own, a fresh data directory {@code
 * target/it-data-NAME} (so a CA and a bootstrap admin of its own), run on this host or inside a
 * network namespace, and its admin logged in with the real CLI. {@link LeafSite} runs one as a
 * leaf cluster; {@code DatabaseOutageIT} one on PostgreSQL.
 *
 * <p>A domain keeps the data source of its first start. One given {@code OUTPOST_DB_URL} (a
 * database the suite started for itself, on a port of the day) is therefore created afresh.
 */
public final class SiteCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SiteCluster.class.getName());

  private final LocalCluster cluster;
  private final Cli admin;

  private SiteCluster(LocalCluster cluster, Cli admin) {
    this.cluster = cluster;
    this.admin = admin;
  }

  /**
   * Starts the cluster and logs its bootstrap admin in (logins {@code root}).
   *
   * @param name the domain's and data directory's suffix
   * @param publicAddress where its agents and users dial, {@code HOST:PORT}
   * @param network where the server and the admin's CLI run; the CLI dials {@code localhost}
   * @param environment added to the proxy's, e.g. {@code OUTPOST_DB_URL}
   */
  public static SiteCluster start(String name, String clusterName, int adminPort, int httpsPort,
      String publicAddress, ProcessNetwork network, Map<String, String> environment) {
    Instant started = Instant.now();
    Path root = Path.of(System.getProperty("outpost.root", "..")).toAbsolutePath().normalize();
    Path dataDir = root.resolve("target/it-data-" + name);
    Directories.deleteRecursively(dataDir);
    ClusterLayout layout = new ClusterLayout(root, "outpost-it-" + name, adminPort, httpsPort,
        dataDir, clusterName, publicAddress, false, network);
    if (environment.containsKey("OUTPOST_DB_URL")) {
      Directories.deleteRecursively(layout.domainDir());
    }
    String password = name + "-admin-" + UUID.randomUUID();
    Map<String, String> proxyEnvironment = new HashMap<>(Map.of(
        "OUTPOST_BOOTSTRAP_ADMIN_PASSWORD", password,
        "OUTPOST_BOOTSTRAP_ADMIN_LOGINS", "root",
        "OUTPOST_NODE_STALE_AFTER", TestCluster.NODE_STALE_AFTER.toString()));
    proxyEnvironment.putAll(environment);
    LocalCluster cluster = LocalCluster.start(layout, proxyEnvironment);
    try {
      Cli admin = new Cli(dataDir.resolve("cli-homes/admin"), network, "localhost:" + httpsPort)
          .login("admin", password);
      LOG.info("cluster " + clusterName + " up in "
          + Duration.between(started, Instant.now()).toSeconds() + " s");
      return new SiteCluster(cluster, admin);
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The bootstrap admin, logged in to {@code localhost:HTTPS_PORT} where the server runs. */
  public Cli admin() {
    return admin;
  }

  public LocalCluster cluster() {
    return cluster;
  }

  /** The proxy's log, where it says what it journaled and replayed. */
  public Path serverLog() {
    return cluster.layout().domainDir().resolve("logs/server.log");
  }

  @Override
  public void close() {
    cluster.close();
  }
}
