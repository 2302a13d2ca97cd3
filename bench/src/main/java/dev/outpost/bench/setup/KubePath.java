package dev.outpost.bench.setup;

import dev.outpost.bench.measure.HttpLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The Kubernetes proxy as kubectl uses it: a role that reaches the benchmark's cluster, the
 * login's client certificate, {@code https://PROXY/kube/CLUSTER/}. kubectl gets a kubeconfig
 * naming the certificate files directly rather than the {@code outpost kube credentials} plugin
 * that {@code outpost kube login} writes, so that a run measures the request path and not the
 * plugin's JVM start.
 *
 * @param load HTTP requests with the client certificate, based at the cluster's URL
 * @param kubeconfig for kubectl on this path
 */
public record KubePath(HttpLoad load, Path kubeconfig) {
  public static final String CLUSTER = "bench-k8s";
  private static final Duration LISTED_TIMEOUT = Duration.ofSeconds(90);

  /** Grants the bootstrap admin the cluster and waits until the proxy lists it online. */
  public static KubePath open(BenchCluster cluster, Path dir) {
    Path home = dir.resolve("cli-home");
    OutpostCli cli = new OutpostCli(cluster.layout().root(), home);
    cli.login(cluster.proxy(), cluster.adminPassword());
    cli.grantAdmin(cluster.proxy(), cluster.adminPassword(), dir, "bench-kube",
        "  kubernetes_groups: [bench]\n  kubernetes_labels: {env: bench}\n");
    awaitListed(cli);
    String server = "https://" + cluster.proxy() + "/kube/" + CLUSTER + "/";
    HttpClient client = ClientCertificateClient.of(home.resolve("tls.crt"), home.resolve("tls.key"),
        home.resolve("cluster_ca.pem"));
    try {
      Path kubeconfig = Files.writeString(dir.resolve("proxy.kubeconfig"), """
          apiVersion: v1
          kind: Config
          clusters: [{name: proxy, cluster: {server: '%s', certificate-authority: '%s'}}]
          users: [{name: admin, user: {client-certificate: '%s', client-key: '%s'}}]
          contexts: [{name: proxy, context: {cluster: proxy, user: admin, namespace: default}}]
          current-context: proxy
          """.formatted(server, home.resolve("cluster_ca.pem"), home.resolve("tls.crt"),
          home.resolve("tls.key")));
      return new KubePath(new HttpLoad(client, URI.create(server), null), kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitListed(OutpostCli cli) {
    Instant deadline = Instant.now().plus(LISTED_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String listed = cli.run("kube", "ls", "--format=json");
      if (listed.contains("\"name\":\"" + CLUSTER + "\"") && listed.contains("\"online\":true")) {
        return;
      }
      Pause.of(Duration.ofSeconds(1));
    }
    throw new IllegalStateException("cluster " + CLUSTER + " not listed online within " + LISTED_TIMEOUT
        + "; see target/bench/agent.log");
  }
}
