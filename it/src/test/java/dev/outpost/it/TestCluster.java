package dev.outpost.it;

import dev.outpost.launcher.ClusterLayout;
import dev.outpost.launcher.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one cluster of a test run: domain {@code outpost-it} (admin port 14848, HTTPS 18443) on a
 * fresh data directory, its public address on the edge network's proxy side so that agents in
 * network namespaces verify the certificate they are shown.
 */
public final class TestCluster {
  public static final String CLUSTER_NAME = "it.outpost.test";
  public static final int HTTPS_PORT = 18443;
  public static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();

  private static LocalCluster cluster;

  private TestCluster() {}

  public static synchronized LocalCluster get() {
    if (cluster == null) {
      Path root = Path.of(System.getProperty("outpost.root", "..")).toAbsolutePath().normalize();
      Path dataDir = root.resolve("target/it-data");
      deleteRecursively(dataDir);
      ClusterLayout layout =
          new ClusterLayout(root, "outpost-it", 14848, HTTPS_PORT, dataDir, CLUSTER_NAME,
              EdgeHost.PROXY_ADDRESS + ":" + HTTPS_PORT, true);
      cluster = LocalCluster.start(layout, Map.of("OUTPOST_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
          "OUTPOST_BOOTSTRAP_ADMIN_LOGINS", "root"));
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

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
