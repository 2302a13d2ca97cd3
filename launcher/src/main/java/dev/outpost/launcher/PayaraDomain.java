package dev.outpost.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final String CONFIGURED_MARKER = ".outpost-configured";
  private static final String LISTENERS =
      "configs.config.server-config.network-config.network-listeners.network-listener.";

  private final ClusterLayout layout;
  private final Asadmin asadmin;

  PayaraDomain(ClusterLayout layout) {
    this.layout = layout;
    this.asadmin = new Asadmin(layout.payaraHome(), layout.adminPort());
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
    LOG.info("starting Payara domain " + layout.domainName());
    asadmin.run(
        environment,
        List.of("start-domain", "--domaindir", layout.domainsDir().toString(), layout.domainName()));
    if (!Files.exists(layout.domainDir().resolve(CONFIGURED_MARKER))) {
      configure();
    }
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

  void deploy(Path ear) {
    LOG.info("deploying " + ear.getFileName());
    asadmin.remote("deploy", "--force=true", "--name", "outpost", ear.toString());
  }

  private void configure() {
    asadmin.remote(
        "set",
        LISTENERS + "http-listener-2.port=" + layout.httpsPort(),
        LISTENERS + (layout.loopbackHttp() ? "http-listener-1.address=127.0.0.1" : "http-listener-1.enabled=false"),
        LISTENERS + "admin-listener.address=127.0.0.1",
        // Ask for (never require) a client certificate: scripts use web apps with one from
        // 'outpost apps login'; browsers, agents and the CLI send none and are not refused.
        "configs.config.server-config.network-config.protocols.protocol.http-listener-2.ssl.client-auth=want");
    asadmin.remote("set-hazelcast-configuration", "--enabled=false", "--dynamic=true");
    new DataSourceSetup(asadmin, layout.dataDir()).create();
    try {
      Files.writeString(layout.domainDir().resolve(CONFIGURED_MARKER), "configured\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot mark domain configured: " + e.getMessage(), e);
    }
  }
}
