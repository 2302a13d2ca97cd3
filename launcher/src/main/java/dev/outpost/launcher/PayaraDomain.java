package dev.outpost.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One Payara Server domain configured for Outpost: HTTPS on the public port only (plain HTTP
 * off, or on loopback for tests) asking for optional client certificates, the admin listener on
 * loopback, the {@code jdbc/outpost} data source, and the Hazelcast
 * data grid off until clustering is configured.
 */
final class PayaraDomain {
  private static final Logger LOG = Logger.getLogger(PayaraDomain.class.getName());
  private static final int DEPLOY_ATTEMPTS = 3;
  private static final Duration DEPLOY_RETRY_PAUSE = Duration.ofSeconds(10);
  private static final String CONFIGURED_MARKER = ".outpost-configured";
  private static final String HTTPS_LISTENER_MARKER = ".outpost-https-listener";
  private static final String HTTPS_PROTOCOL =
      "configs.config.server-config.network-config.protocols.protocol.http-listener-2.";
  private static final String LISTENERS =
      "configs.config.server-config.network-config.network-listeners.network-listener.";

  private final ClusterLayout layout;
  private final Asadmin asadmin;

  PayaraDomain(ClusterLayout layout) {
    this.layout = layout;
    this.asadmin = new Asadmin(layout.payaraHome(), layout.adminPort(), layout.network());
  }

  /** Creates the domain on first use; every port derives from a base so that domains coexist. */
  void createIfAbsent() {
    if (Files.isDirectory(layout.domainDir())) {
      return;
    }
    LOG.info("creating Payara domain " + layout.domainName());
    asadmin.run(
        Map.of(),
        List.of(
            "create-domain",
            "--nopassword",
            "--domaindir", layout.domainsDir().toString(),
            "--portbase", Integer.toString(layout.adminPort() - 48),
            layout.domainName()));
  }

  Path keystore() {
    return layout.domainDir().resolve("config/keystore.p12");
  }

  /** The trust store the HTTPS listener checks client certificates against. */
  Path truststore() {
    return layout.domainDir().resolve("config/cacerts.p12");
  }

  void start(Map<String, String> environment) {
    DataSourceSetup dataSource = new DataSourceSetup(asadmin, layout.dataDir(), environment);
    dataSource.installDriver(layout.domainDir().resolve("lib"));
    LOG.info("starting Payara domain " + layout.domainName());
    startServer(environment);
    boolean configured = false;
    if (!Files.exists(layout.domainDir().resolve(CONFIGURED_MARKER))) {
      configure(dataSource);
      configured = true;
    }
    if (!Files.exists(layout.domainDir().resolve(HTTPS_LISTENER_MARKER))) {
      configureHttpsListener();
      configured = true;
    }
    if (configured) {
      // A running server applies listener settings by restarting the listener in the background;
      // a deployment that meets one mid-restart can leave it down for good. Started afresh, the
      // server reads them from domain.xml.
      LOG.info("restarting Payara domain " + layout.domainName() + " with its new settings");
      stop();
      startServer(environment);
    }
  }

  private void startServer(Map<String, String> environment) {
    asadmin.run(
        environment,
        List.of("start-domain", "--domaindir", layout.domainsDir().toString(), layout.domainName()));
  }

  /**
   * Ends the server with SIGKILL, as a crash or {@code kill -9} would: no shutdown of the
   * application, no closing of connections. The server is the JVM whose class path starts in this
   * domain's directory.
   */
  void kill() {
    String marker = layout.domainDir().toAbsolutePath().normalize() + "/lib/ext";
    List<ProcessHandle> servers = ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().filter(line -> line.contains(marker))
            .isPresent())
        .toList();
    if (servers.isEmpty()) {
      throw new IllegalStateException("no running server of domain " + layout.domainName());
    }
    LOG.info("killing Payara domain " + layout.domainName() + " (SIGKILL)");
    servers.forEach(ProcessHandle::destroyForcibly);
    servers.forEach(process -> process.onExit().join());
  }

  void stop() {
    asadmin.run(
        Map.of(),
        List.of("stop-domain", "--kill=true", "--domaindir", layout.domainsDir().toString(), layout.domainName()));
  }

  /**
   * Deploys the EAR. A reused domain loads its previous deployment while it starts, and a redeploy
   * that races that load fails inside Payara; once the load is over the same command succeeds.
   */
  void deploy(Path ear) {
    LOG.info("deploying " + ear.getFileName());
    for (int attempt = 1; ; attempt++) {
      try {
        asadmin.remote("deploy", "--force=true", "--name", "outpost", ear.toString());
        return;
      } catch (IllegalStateException e) {
        if (attempt == DEPLOY_ATTEMPTS) {
          throw e;
        }
        LOG.warning("deployment attempt " + attempt + " failed, retrying: " + e.getMessage());
        Pause.of(DEPLOY_RETRY_PAUSE);
      }
    }
  }

  /**
   * The HTTPS listener asks every client for a certificate during the handshake but accepts
   * connections without one ({@code want}): kubectl then presents the user's X.509 certificate,
   * while browsers, agents and the CLI carry on without. Asked at the handshake, never by a later
   * renegotiation, which TLS 1.3 (and Go's TLS client) does not have.
   *
   * <p>It speaks HTTP/1.1 only: with HTTP/2, about one connection in two hundred sent the client
   * a TLS record it could not decrypt ({@code bad record mac}), none with HTTP/1.1; every client
   * here (browsers, kubectl, curl, the CLI) settles on HTTP/1.1 through ALPN. Grizzly's HTTP/1.1
   * refuses a body on methods it leaves undefined, such as {@code DELETE} (400), which kubectl
   * sends with its delete options; the listener takes them. The domain keeps this across
   * restarts; the marker makes older domains take it once.
   */
  private void configureHttpsListener() {
    asadmin.remote(
        "set",
        HTTPS_PROTOCOL + "ssl.client-auth=want",
        HTTPS_PROTOCOL + "ssl.renegotiate-on-client-auth-want=false",
        HTTPS_PROTOCOL + "http.http2-enabled=false",
        HTTPS_PROTOCOL + "http.allow-payload-for-undefined-http-methods=true");
    mark(HTTPS_LISTENER_MARKER);
  }

  private void mark(String marker) {
    try {
      Files.writeString(layout.domainDir().resolve(marker), "configured\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot mark domain configured: " + e.getMessage(), e);
    }
  }

  private void configure(DataSourceSetup dataSource) {
    asadmin.remote(
        "set",
        LISTENERS + "http-listener-2.port=" + layout.httpsPort(),
        LISTENERS + (layout.loopbackHttp() ? "http-listener-1.address=127.0.0.1" : "http-listener-1.enabled=false"),
        LISTENERS + "admin-listener.address=127.0.0.1");
    asadmin.remote("set-hazelcast-configuration", "--enabled=false", "--dynamic=true");
    dataSource.create();
    mark(CONFIGURED_MARKER);
  }
}
