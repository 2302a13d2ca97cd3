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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A benchmark's own cluster on this host's network, on a data directory wiped per run. The {@link
 * #MAIN} site is every benchmark's cluster; the trusted-cluster benchmark adds the {@link #LEAF}.
 * Their ports keep clear of {@code ./mvnw -Prun} (4848/8443) and the integration tests
 * (14848/18443).
 */
public final class BenchCluster {
  /** Where one cluster lives: Payara domain, its ports, its data directory and its name. */
  public record Site(String domain, int adminPort, int httpsPort, String dataDir, String clusterName) {

    /** {@code localhost:PORT}, as the CLI, agents and the other cluster on this machine dial it. */
    public String proxy() {
      return "localhost:" + httpsPort;
    }
  }

  public static final Site MAIN = new Site("outpost-bench", 24848, 28443, "target/bench", "bench.outpost.test");
  /** A second cluster to join {@link #MAIN} as a leaf; its name is one DNS label, as a leaf's must be. */
  public static final Site LEAF = new Site("outpost-bench-leaf", 34848, 38443, "target/bench-leaf", "leaf");

  private final LocalCluster cluster;
  private final Site site;
  private final String adminPassword;

  private BenchCluster(LocalCluster cluster, Site site, String adminPassword) {
    this.cluster = cluster;
    this.site = site;
    this.adminPassword = adminPassword;
  }

  /** Starts the {@link #MAIN} cluster: Payara with the EAR on a fresh data directory. */
  public static BenchCluster start(Path root) {
    return start(root, Map.of());
  }

  /** As {@link #start(Path)}, with further proxy settings ({@code OUTPOST_…} variables). */
  public static BenchCluster start(Path root, Map<String, String> settings) {
    return start(root, MAIN, settings);
  }

  /** Starts the cluster of {@code site} on a fresh data directory. */
  public static BenchCluster start(Path root, Site site, Map<String, String> settings) {
    Path dataDir = root.resolve(site.dataDir());
    Directories.deleteRecursively(dataDir);
    String adminPassword = "bench-" + UUID.randomUUID();
    ClusterLayout layout = new ClusterLayout(root, site.domain(), site.adminPort(), site.httpsPort(), dataDir,
        site.clusterName(), site.proxy(), false);
    Map<String, String> environment = new HashMap<>(settings);
    environment.putAll(Map.of("OUTPOST_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
        "OUTPOST_BOOTSTRAP_ADMIN_LOGINS", "root"));
    LocalCluster cluster = LocalCluster.start(layout, environment);
    return new BenchCluster(cluster, site, adminPassword);
  }

  /** Where a run of the {@link #MAIN} cluster keeps everything it makes: wiped at the start of the next. */
  public static Path dataDir(Path root) {
    return root.resolve(MAIN.dataDir());
  }

  public LocalCluster cluster() {
    return cluster;
  }

  public ClusterLayout layout() {
    return cluster.layout();
  }

  /** The cluster's name, the last part of its nodes' addresses. */
  public String name() {
    return site.clusterName();
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

  /** {@code localhost:PORT}, as the CLI and agents on this machine dial it. */
  public String proxy() {
    return site.proxy();
  }

  /** The Payara server's process id, from the pid file the domain keeps while running. */
  public long payaraPid() {
    return cluster.proxyPid();
  }

  /** Where Payara logs, for a failure's message. */
  public Path serverLog() {
    return layout().domainDir().resolve("logs/server.log");
  }

  public void stop() {
    cluster.close();
  }
}
