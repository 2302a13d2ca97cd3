package dev.outpost.it;

import dev.outpost.launcher.ClusterLayout;
import dev.outpost.launcher.Directories;
import dev.outpost.launcher.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The one cluster of a test run: domain {@code outpost-it} (admin port 14848, HTTPS 18443) on a
 * fresh data directory, its public address on the edge network's proxy side so that agents in
 * network namespaces verify the certificate they are shown. Offline nodes are listed as stale
 * after {@link #NODE_STALE_AFTER}, not days, and lost tunnels' sessions wait {@link
 * #RESUME_GRACE}, not five minutes, so that tests can see both; half of the web app requests are
 * audited ({@link #APP_REQUEST_AUDIT_RATE}), so that the sampling shows.
 */
public final class TestCluster {
  public static final String CLUSTER_NAME = "it.outpost.test";
  public static final int HTTPS_PORT = 18443;
  /** Web apps are served as {@code NAME.localhost}, which browsers and curl resolve to loopback. */
  public static final String APPS_DOMAIN = "localhost";
  public static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();
  public static final Duration NODE_STALE_AFTER = Duration.ofSeconds(20);
  /**
   * Agent tunnels admitted per second, below the default (50) so that ReconnectStormIT's few hundred
   * agents meet the limit; the other tests start a handful of agents at a time.
   */
  public static final int TUNNEL_ADMISSION_RATE = 20;
  public static final int TUNNEL_ADMISSION_BURST = 20;
  /**
   * How long the sessions of a lost agent tunnel wait for it, one minute rather than five, so that
   * LinkDropIT can outlast it. Tests that cut a link for longer than the keep-alive but expect the
   * session back stay well within it (the proxy counts it from when it notices the loss).
   */
  public static final Duration RESUME_GRACE = Duration.ofSeconds(60);
  /**
   * The share of web app requests audited, half rather than all, so that AppAccessIT sees the
   * sampling at work; no other suite counts app requests.
   */
  public static final double APP_REQUEST_AUDIT_RATE = 0.5;

  private static LocalCluster cluster;

  private TestCluster() {}

  public static synchronized LocalCluster get() {
    if (cluster == null) {
      Path root = Path.of(System.getProperty("outpost.root", "..")).toAbsolutePath().normalize();
      Path dataDir = root.resolve("target/it-data");
      Directories.deleteRecursively(dataDir);
      ClusterLayout layout =
          new ClusterLayout(root, "outpost-it", 14848, HTTPS_PORT, dataDir, CLUSTER_NAME,
              EdgeHost.PROXY_ADDRESS + ":" + HTTPS_PORT, true);
      cluster = LocalCluster.start(layout, Map.of("OUTPOST_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
          "OUTPOST_BOOTSTRAP_ADMIN_LOGINS", "root", "OUTPOST_APPS_DOMAIN", APPS_DOMAIN,
          "OUTPOST_NODE_STALE_AFTER", NODE_STALE_AFTER.toString(),
          "OUTPOST_TUNNEL_ADMISSION_RATE", Integer.toString(TUNNEL_ADMISSION_RATE),
          "OUTPOST_TUNNEL_ADMISSION_BURST", Integer.toString(TUNNEL_ADMISSION_BURST),
          "OUTPOST_TUNNEL_RESUME_GRACE", RESUME_GRACE.toString(),
          "OUTPOST_APPS_REQUEST_AUDIT_RATE", Double.toString(APP_REQUEST_AUDIT_RATE)));
    }
    return cluster;
  }

  /** {@code localhost:18443}: how the CLI on this machine reaches the proxy. */
  public static String localProxy() {
    return "localhost:" + HTTPS_PORT;
  }

  static synchronized void shutdown() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
