package dev.outpost.bench;

import dev.outpost.bench.measure.BrowserTerminal;
import dev.outpost.bench.measure.JavaHeap;
import dev.outpost.bench.measure.Samples;
import dev.outpost.bench.setup.BenchCluster;
import dev.outpost.bench.setup.TunnelPath;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/terminal-latency.sh}: keystroke-to-echo latency of a web console terminal, browser
 * WebSocket → proxy → SSH over the agent tunnel → PTY → back, measured as a script-driven browser
 * would see it (one character typed, the same character read back, with the PTY in raw mode and
 * {@code cat} echoing); and the proxy's live heap per open terminal. Markdown on standard output,
 * also kept in {@code target/bench/terminal-results.md}.
 */
public final class TerminalLatency {
  private static final int WARM_UP = 200;
  private static final int KEYSTROKES = 2000;
  private static final int OPEN_TERMINALS = 20;

  private TerminalLatency() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("outpost.root", ".")).toAbsolutePath().normalize();
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("The benchmark must run as root: its agent logs in as root.");
      System.exit(2);
    }
    Path dir = BenchCluster.dataDir(root);
    Progress.say("starting Payara with the EAR (domain outpost-bench, https://localhost:28443)");
    BenchCluster cluster = BenchCluster.start(root);
    try (TunnelPath node = TunnelPath.start(cluster,
        cluster.adminSession(), dir)) {
      HttpClient http = HttpClient.newBuilder().sslContext(cluster.cluster().trustContext()).build();
      BrowserTerminal.Console console =
          BrowserTerminal.Console.login(http, cluster.proxy(), "admin", cluster.adminPassword());
      String results = String.join("\n", latency(http, cluster, console).markdown(),
          heap(http, cluster, console).markdown());
      System.out.print(results);
      Files.writeString(dir.resolve("terminal-results.md"), results);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }

  private static ResultTable latency(HttpClient http, BenchCluster cluster,
      BrowserTerminal.Console console) throws Exception {
    Progress.say("typing " + KEYSTROKES + " keystrokes into a terminal on " + TunnelPath.NODE);
    List<Double> millis = new ArrayList<>();
    try (BrowserTerminal terminal =
        BrowserTerminal.open(http, cluster.proxy(), console, TunnelPath.NODE, "root")) {
      terminal.type("stty raw -echo; printf 'RE''ADY\\n'; exec cat\r");
      terminal.skipPast("READY\n");
      for (int i = 0; i < WARM_UP + KEYSTROKES; i++) {
        char key = (char) ('a' + i % 26);
        long start = System.nanoTime();
        terminal.type(String.valueOf(key));
        char echoed = terminal.next();
        long elapsed = System.nanoTime() - start;
        if (echoed != key) {
          throw new IllegalStateException("typed " + key + ", the terminal echoed " + echoed);
        }
        if (i >= WARM_UP) {
          millis.add(elapsed / 1e6);
        }
      }
    }
    Samples samples = Samples.of(millis);
    return new ResultTable("measure", "web terminal", "target")
        .row("keystroke → echo, median of " + samples.count(), String.format("%.3f ms", samples.median()), "")
        .row("keystroke → echo, p99 of " + samples.count(), String.format("%.3f ms", samples.p99()),
            samples.p99() < 10 ? "< 10 ms: met" : "**< 10 ms: not met**");
  }

  private static ResultTable heap(HttpClient http, BenchCluster cluster,
      BrowserTerminal.Console console) throws Exception {
    long pid = cluster.payaraPid();
    long before = JavaHeap.liveKib(pid);
    Progress.say("opening " + OPEN_TERMINALS + " terminals to weigh the proxy's heap");
    List<BrowserTerminal> open = new ArrayList<>();
    try {
      for (int i = 0; i < OPEN_TERMINALS; i++) {
        open.add(BrowserTerminal.open(http, cluster.proxy(), console, TunnelPath.NODE, "root"));
      }
      long after = JavaHeap.liveKib(pid);
      return new ResultTable("proxy with open web terminals", "value")
          .row("live heap before / with " + OPEN_TERMINALS + " terminals",
              String.format("%.1f / %.1f MiB", before / 1024.0, after / 1024.0))
          .row("live heap per open terminal", String.format("%.0f KiB", (after - before) / (double) OPEN_TERMINALS));
    } finally {
      open.forEach(BrowserTerminal::close);
    }
  }
}
