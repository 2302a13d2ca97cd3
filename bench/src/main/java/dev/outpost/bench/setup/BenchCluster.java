package dev.outpost.bench.setup;

import dev.outpost.client.http.ApiException;
import dev.outpost.launcher.AdminSession;
import dev.outpost.launcher.ClusterLayout;
import dev.outpost.launcher.Directories;
import dev.outpost.launcher.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark's own cluster: Payara domain {@code outpost-bench} (admin port 24848, HTTPS 28443)
 * on a data directory wiped per run, so that it coexists with {@code ./mvnw -Prun} (4848/8443)
 * and the integration tests (14848/18443).
 */
public final class BenchCluster {
  public static final String CLUSTER_NAME = "bench.outpost.test";
  private static final String DOMAIN = "outpost-bench";
  private static final int ADMIN_PORT = 24848;
  private static final int HTTPS_PORT = 28443;

  private final LocalCluster cluster;
  private final String adminPassword;

  private BenchCluster(LocalCluster cluster, String adminPassword) {
    this.cluster = cluster;
    this.adminPassword = adminPassword;
  }

  /** Starts Payara with the EAR on a fresh data directory under {@code root/target/bench}. */
  public static BenchCluster start(Path root) {
    return start(root, Map.of());
  }

  /** As {@link #start(Path)}, with further proxy settings ({@code OUTPOST_…} variables). */
  public static BenchCluster start(Path root, Map<String, String> settings) {
    Path dataDir = dataDir(root);
    Directories.deleteRecursively(dataDir);
    String adminPassword = "bench-" + UUID.randomUUID();
    ClusterLayout layout = new ClusterLayout(root, DOMAIN, ADMIN_PORT, HTTPS_PORT, dataDir, CLUSTER_NAME,
        "localhost:" + HTTPS_PORT, false);
    Map<String, String> environment = new java.util.HashMap<>(settings);
    environment.putAll(Map.of("OUTPOST_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
        "OUTPOST_BOOTSTRAP_ADMIN_LOGINS", "root"));
    LocalCluster cluster = LocalCluster.start(layout, environment);
    return new BenchCluster(cluster, adminPassword);
  }

  /** Where a run keeps everything it makes: wiped at the start of the next. */
  public static Path dataDir(Path root) {
    return root.resolve("target/bench");
  }

  public LocalCluster cluster() {
    return cluster;
  }

  public ClusterLayout layout() {
    return cluster.layout();
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** A REST session as the bootstrap admin. */
  public AdminSession adminSession() {
    try {
      return AdminSession.login(cluster, adminPassword);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | ApiException e) {
      throw new IllegalStateException("cannot log in as the bootstrap admin: " + e.getMessage(), e);
    }
  }

  /** {@code localhost:28443}, as the CLI and agents on this machine dial it. */
  public String proxy() {
    return "localhost:" + HTTPS_PORT;
  }

  /** The Payara server's process id, from the pid file the domain keeps while running. */
  public long payaraPid() {
    return cluster.proxyPid();
  }

  public void stop() {
    cluster.close();
  }
}
