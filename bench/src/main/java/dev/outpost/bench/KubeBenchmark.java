package dev.outpost.bench;

import dev.outpost.bench.measure.HttpLoad;
import dev.outpost.bench.measure.Samples;
import dev.outpost.bench.measure.WatchDelay;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.BenchKubeApi;
import dev.outpost.bench.setup.KubePath;
import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.TunnelPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/kube-proxy.sh}: {@code GET /api/v1/namespaces/default/pods} ({@code kubectl get
 * pods}) and a watch, directly against an API server stand-in on loopback ({@link BenchKubeApi})
 * and through the Kubernetes proxy (client certificate, agent tunnel on this machine): latency
 * one request at a time, requests per second with {@value #CLIENTS} clients, whole {@code kubectl
 * get pods} runs, and the delay of watch events. Prints a Markdown table (kept in {@code
 * target/bench/kube-results.md}).
 */
public final class KubeBenchmark {
  private static final int WARM_UP = 200;
  private static final int SEQUENTIAL = 1000;
  private static final int CLIENTS = 8;
  private static final int PER_CLIENT = 250;
  private static final int KUBECTL_RUNS = 20;
  private static final int WATCH_EVENTS = 100;

  private KubeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    Path dir = BenchCluster.dataDir(root);
    Progress.say("starting Payara with the EAR (domain outpost-bench, https://localhost:28443)");
    BenchCluster cluster = BenchCluster.start(root, Map.of());
    try (BenchKubeApi api = BenchKubeApi.start();
        TunnelPath agent = TunnelPath.start(cluster, cluster.adminSession(), dir,
            List.of("--kube-cluster=" + KubePath.CLUSTER,
                "--kubeconfig=" + api.kubeconfig(dir.resolve("agent.kubeconfig"))))) {
      KubePath proxied = KubePath.open(cluster, dir);
      HttpLoad direct = new HttpLoad(HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).build(), URI.create(api.url()), null);
      Path directKubeconfig = api.kubeconfig(dir.resolve("direct.kubeconfig"));
      String results = compare(direct, directKubeconfig, proxied,
          new SequentialRequests(cluster.payaraPid(), agent.agentPid(), WARM_UP, SEQUENTIAL))
          .markdown();
      System.out.print(results);
      Files.writeString(dir.resolve("kube-results.md"), results);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }

  private static ResultTable compare(HttpLoad direct, Path directKubeconfig, KubePath proxied,
      SequentialRequests sequential) {
    ResultTable table = new ResultTable("measure", "direct", "Kubernetes proxy", "proxy vs direct");
    String pods = BenchKubeApi.PODS_PATH;
    sequential.compare(table, "GET pods", pods, direct, proxied.load());
    Progress.say("GET pods: " + CLIENTS + " clients × " + PER_CLIENT + " requests per path");
    double directRate = direct.requestsPerSecond(pods, CLIENTS, PER_CLIENT);
    double proxiedRate = proxied.load().requestsPerSecond(pods, CLIENTS, PER_CLIENT);
    table.row("GET pods, " + CLIENTS + " clients at once: requests per second",
        PathComparison.format("%.0f", directRate), PathComparison.format("%.0f", proxiedRate),
        PathComparison.format("%.2f×", proxiedRate / directRate));
    Progress.say("kubectl get pods: " + KUBECTL_RUNS + " runs per path");
    Samples directKubectl = kubectl(directKubeconfig);
    Samples proxiedKubectl = kubectl(proxied.kubeconfig());
    table.row("kubectl get pods (whole run): median / p99",
        PathComparison.format("%.0f / %.0f ms", directKubectl.median(), directKubectl.p99()),
        PathComparison.format("%.0f / %.0f ms", proxiedKubectl.median(), proxiedKubectl.p99()),
        PathComparison.format("+%.0f ms median", proxiedKubectl.median() - directKubectl.median()));
    Progress.say("watch: " + WATCH_EVENTS + " events per path");
    String watch = pods + "?watch=true";
    Samples directWatch = WatchDelay.measure(direct.client(), direct.base().resolve(watch), WATCH_EVENTS);
    Samples proxiedWatch = WatchDelay.measure(proxied.load().client(),
        proxied.load().base().resolve(watch), WATCH_EVENTS);
    table.row("watch event, write to read: median / p99",
        PathComparison.format("%.2f / %.2f ms", directWatch.median(), directWatch.p99()),
        PathComparison.format("%.2f / %.2f ms", proxiedWatch.median(), proxiedWatch.p99()),
        PathComparison.format("+%.2f ms median", proxiedWatch.median() - directWatch.median()));
    return table;
  }

  /** Milliseconds of whole {@code kubectl get pods} runs, after warm-up runs (discovery cache). */
  private static Samples kubectl(Path kubeconfig) {
    List<String> command = List.of("kubectl", "--kubeconfig=" + kubeconfig, "get", "pods");
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 3 + KUBECTL_RUNS; i++) {
      double ms = Program.timed(command).toNanos() / 1e6;
      if (i >= 3) {
        millis.add(ms);
      }
    }
    return Samples.of(millis);
  }
}
