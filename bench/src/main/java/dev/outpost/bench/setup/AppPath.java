package dev.outpost.bench.setup;

import dev.outpost.bench.measure.HttpLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

/**
 * The app proxy as a script uses it: a role that allows the benchmark's app, {@code outpost apps
 * login} for a client certificate, then HTTPS to the proxy with the app's {@code Host}. The JVM
 * must allow setting {@code Host} ({@code -Djdk.httpclient.allowRestrictedHeaders=host}): the app's
 * name {@code APP.localhost} is not resolvable by the JDK.
 */
public final class AppPath {
  public static final String APP = "bench";

  private AppPath() {}

  /** Grants the bootstrap admin the app, writes its client certificate, returns the load driver. */
  public static HttpLoad open(BenchCluster cluster, Path dir) {
    OutpostCli cli = new OutpostCli(cluster.layout().root(), dir.resolve("cli-home"));
    cli.login(cluster.proxy(), cluster.adminPassword());
    cli.grantAdmin(cluster.proxy(), cluster.adminPassword(), dir, "bench-apps",
        "  app_labels: {bench: app}\n");
    cli.run("apps", "login", APP);
    Path home = dir.resolve("cli-home");
    String port = cluster.proxy().substring(cluster.proxy().lastIndexOf(':') + 1);
    HttpClient client = ClientCertificateClient.of(home.resolve("apps/" + APP + ".crt"),
        home.resolve("apps/" + APP + ".key"), home.resolve("cluster_ca.pem"));
    return new HttpLoad(client, URI.create("https://" + cluster.proxy()),
        APP + ".localhost:" + port);
  }
}
