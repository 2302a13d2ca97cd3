package dev.outpost.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import dev.outpost.client.tls.TlsContexts;
import javax.net.ssl.SSLContext;

/**
 * A running local cluster: Payara with the EAR deployed, configured from a {@link ClusterLayout}.
 * Start it, use it, close it; {@link #restartProxy()} kills and restarts the server the hard way,
 * as an outage would.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalCluster.class.getName());
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

  private final ClusterLayout layout;
  private final PayaraDomain domain;
  private final Map<String, String> environment;

  private LocalCluster(ClusterLayout layout, Map<String, String> extraEnvironment) {
    this.layout = layout;
    this.domain = new PayaraDomain(layout);
    this.environment = new HashMap<>(extraEnvironment);
    environment.put("OUTPOST_CLUSTER_NAME", layout.clusterName());
    environment.put("OUTPOST_PUBLIC_ADDR", layout.publicAddr());
    environment.put("OUTPOST_DATA_DIR", layout.dataDir().toAbsolutePath().toString());
  }

  /**
   * Creates the domain if needed, starts it, deploys the EAR and waits until the API answers. On
   * the first start the proxy writes its CA-issued TLS certificate; it is installed into the
   * domain and the server restarted once so that agents can pin the cluster CA.
   */
  public static LocalCluster start(ClusterLayout layout, Map<String, String> extraEnvironment) {
    LocalCluster cluster = new LocalCluster(layout, extraEnvironment);
    cluster.boot();
    return cluster;
  }

  private void boot() {
    requireBuilt(layout.earFile());
    try {
      Files.createDirectories(layout.dataDir());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + layout.dataDir() + ": " + e.getMessage(), e);
    }
    domain.createIfAbsent();
    installProxyCertificate();
    domain.start(environment);
    domain.deploy(layout.earFile());
    awaitReady();
    if (installProxyCertificate()) {
      LOG.info("installed the proxy certificate issued by the cluster CA; restarting Payara");
      domain.stop();
      domain.start(environment);
      awaitReady();
    }
  }

  public ClusterLayout layout() {
    return layout;
  }

  /** Kills the server and starts it again, as after a crash; agents must come back by themselves. */
  public void restartProxy() {
    domain.stop();
    domain.start(environment);
    awaitReady();
  }

  /** Kills the server with SIGKILL, then starts it again: an outage the proxy had no say in. */
  public void killAndRestartProxy() {
    domain.kill();
    domain.start(environment);
    awaitReady();
  }

  /** The Payara server's process id, from the pid file the domain keeps while running. */
  public long proxyPid() {
    Path pidFile = layout.domainDir().resolve("config/pid");
    try {
      return Long.parseLong(Files.readString(pidFile).strip());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + pidFile + ": " + e.getMessage(), e);
    }
  }

  /** TLS that trusts this cluster's CA only, as an agent with the CA pin would. */
  public SSLContext trustContext() {
    return TlsContexts.trusting(certificates().clusterCa());
  }

  /** The bootstrap admin password the proxy generated, or null if it was given or already shown. */
  public String takeGeneratedAdminPassword() {
    Path file = layout.dataDir().resolve("secrets/bootstrap-admin-password");
    try {
      if (!Files.exists(file)) {
        return null;
      }
      String password = Files.readString(file).trim();
      Files.delete(file);
      return password;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    domain.stop();
  }

  private boolean installProxyCertificate() {
    return certificates().installIfChanged();
  }

  private ProxyCertificateInstaller certificates() {
    return new ProxyCertificateInstaller(layout.dataDir(), domain.keystore(), domain.truststore());
  }

  /**
   * Polls the public API until it answers. Only liveness is asked here, before the proxy's own
   * certificate is installed, so the answer's TLS identity is not checked.
   */
  private void awaitReady() {
    URI probe = URI.create(layout.localUrl() + "/api/v1/cluster");
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (layout.network().answersOk(probe)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the proxy", e);
      }
      Pause.of(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "the proxy did not answer at " + layout.localUrl() + " within " + READY_TIMEOUT.toMinutes()
            + " minutes; see " + layout.domainDir().resolve("logs/server.log"));
  }

  private static void requireBuilt(Path artifact) {
    if (!Files.exists(artifact)) {
      throw new IllegalStateException(artifact + " is missing: build first (./mvnw -Prun builds everything)");
    }
  }

}
