package dev.outpost.bench;

import dev.outpost.bench.measure.HttpLoad;
import dev.outpost.bench.measure.Samples;
import dev.outpost.bench.setup.AppPath;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.BenchUpstream;
import dev.outpost.bench.setup.TunnelPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/app-proxy.sh}: a small page and a 100 MiB download from a web app on loopback,
 * directly and through the app proxy (client certificate, agent tunnel on this machine): latency
 * of one request at a time, requests per second with {@value #CLIENTS} clients, download
 * throughput, and the CPU each process spends per request. Prints a Markdown table (kept in
 * {@code target/bench/app-results.md}).
 */
public final class AppBenchmark {
  private static final int WARM_UP = 200;
  private static final int SEQUENTIAL = 1000;
  private static final int CLIENTS = 8;
  private static final int PER_CLIENT = 250;
  private static final int DOWNLOADS = 3;

  private AppBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    Path dir = BenchCluster.dataDir(root);
    Progress.say("starting Payara with the EAR (domain outpost-bench, https://localhost:28443)");
    BenchCluster cluster = BenchCluster.start(root, Map.of("OUTPOST_APPS_DOMAIN", "localhost",
        "OUTPOST_APPS_REQUEST_AUDIT_RATE", System.getProperty("outpost.bench.audit.rate", "1")));
    try (BenchUpstream upstream = BenchUpstream.start();
        TunnelPath agent = TunnelPath.start(cluster, cluster.adminSession(), dir,
            List.of("--app=" + AppPath.APP + "=" + upstream.url() + ",bench=app"))) {
      HttpLoad direct = new HttpLoad(HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).build(), URI.create(upstream.url()), null);
      HttpLoad proxied = AppPath.open(cluster, dir);
      String results = compare(direct, proxied,
          new SequentialRequests(cluster.payaraPid(), agent.agentPid(), WARM_UP, SEQUENTIAL))
          .markdown();
      System.out.print(results);
      Files.writeString(dir.resolve("app-results.md"), results);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }

  private static ResultTable compare(HttpLoad direct, HttpLoad proxied,
      SequentialRequests sequential) {
    ResultTable table = new ResultTable("measure", "direct", "app proxy", "proxy vs direct");
    sequential.compare(table, "1 KiB page", "/page", direct, proxied);
    Progress.say("1 KiB page: " + CLIENTS + " clients × " + PER_CLIENT + " requests per path");
    double directRate = direct.requestsPerSecond("/page", CLIENTS, PER_CLIENT);
    double proxiedRate = proxied.requestsPerSecond("/page", CLIENTS, PER_CLIENT);
    table.row("1 KiB page, " + CLIENTS + " clients at once: requests per second",
        PathComparison.format("%.0f", directRate), PathComparison.format("%.0f", proxiedRate),
        PathComparison.format("%.2f×", proxiedRate / directRate));
    Progress.say("100 MiB download × " + DOWNLOADS + " per path");
    Samples directDownload = downloads(direct);
    Samples proxiedDownload = downloads(proxied);
    table.row("100 MiB download, median of " + DOWNLOADS,
        PathComparison.format("%.0f MB/s", directDownload.median()),
        PathComparison.format("%.0f MB/s", proxiedDownload.median()),
        PathComparison.format("%.2f×", proxiedDownload.median() / directDownload.median()));
    return table;
  }

  private static Samples downloads(HttpLoad path) {
    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < DOWNLOADS; i++) {
      rates.add(path.downloadMegabytesPerSecond("/download"));
    }
    return Samples.of(rates);
  }
}
