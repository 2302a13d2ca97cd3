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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench/terminal-latency.sh}: keystroke-to-echo latency of a web console terminal, browser
 * WebSocket → proxy → SSH over the agent tunnel → PTY → back, measured as a script-driven browser
 * would see it (one character typed, the same character read back, with the PTY in raw mode and
 * {@code cat} echoing); the proxy's live heap per open terminal; and 1 MiB pasted into one
 * terminal, then into twenty at once, each echoed back intact. Markdown on standard output,
 * also kept in {@code target/bench/terminal-results.md}.
 */
public final class TerminalLatency {
  private static final int WARM_UP = 200;
  private static final int KEYSTROKES = 2000;
  /**
   * Keystrokes between the cold and the warm measurement, enough for every JVM on the path to have
   * compiled a keystroke's code: the agent's JIT (C2 without tiers) compiles a method after 10,000
   * calls, several calls per keystroke.
   */
  private static final int FURTHER_WARM_UP = 6000;
  private static final int OPEN_TERMINALS = 20;
  private static final int PASTE = 1024 * 1024;
  private static final int PASTE_CHUNK = 8 * 1024;
  /** Like a paste that waits for its echo: at most this many characters ahead of it. */
  private static final int PASTE_IN_FLIGHT = 128 * 1024;
  private static final int PASTE_TERMINALS = 20;

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
      // The heap before the pastes: what twenty pasting terminals leave behind is not at rest.
      String results = String.join("\n", latency(http, cluster, console).markdown(),
          heap(http, cluster, console).markdown(), paste(http, cluster, console).markdown());
      System.out.print(results);
      Files.writeString(dir.resolve("terminal-results.md"), results);
    } finally {
      Progress.say("stopping Payara");
      cluster.stop();
    }
  }

  private static ResultTable latency(HttpClient http, BenchCluster cluster,
      BrowserTerminal.Console console) throws Exception {
    Progress.say("typing " + (WARM_UP + KEYSTROKES + FURTHER_WARM_UP + KEYSTROKES)
        + " keystrokes into a terminal on " + TunnelPath.NODE);
    try (BrowserTerminal terminal =
        BrowserTerminal.open(http, cluster.proxy(), console, TunnelPath.NODE, "root")) {
      echoEverything(terminal);
      type(terminal, WARM_UP);
      Samples cold = Samples.of(type(terminal, KEYSTROKES));
      type(terminal, FURTHER_WARM_UP);
      Samples warm = Samples.of(type(terminal, KEYSTROKES));
      return new ResultTable("measure", "web terminal", "target")
          .row("keystroke → echo, median of " + cold.count() + " after " + WARM_UP + " (cold)",
              String.format("%.3f ms", cold.median()), "")
          .row("keystroke → echo, p99 of the same (cold)", String.format("%.3f ms", cold.p99()), "")
          .row("keystroke → echo, median of " + warm.count() + " after " + (WARM_UP + KEYSTROKES
              + FURTHER_WARM_UP) + " (warm)", String.format("%.3f ms", warm.median()), "")
          .row("keystroke → echo, p99 of the same (warm)", String.format("%.3f ms", warm.p99()),
              warm.p99() < 10 ? "< 10 ms: met" : "**< 10 ms: not met**");
    }
  }

  /** Types {@code count} characters one at a time, each after the last one's echo; milliseconds each. */
  private static List<Double> type(BrowserTerminal terminal, int count) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      char key = (char) ('a' + i % 26);
      long start = System.nanoTime();
      terminal.type(String.valueOf(key));
      char echoed = terminal.next();
      long elapsed = System.nanoTime() - start;
      if (echoed != key) {
        throw new IllegalStateException("typed " + key + ", the terminal echoed " + echoed);
      }
      millis.add(elapsed / 1e6);
    }
    return millis;
  }

  /** Turns the terminal's shell into {@code cat} on a raw PTY: every character comes back as is. */
  private static void echoEverything(BrowserTerminal terminal) throws InterruptedException {
    terminal.type("stty raw -echo; printf 'RE''ADY\\n'; exec cat\r");
    terminal.skipPast("READY\n");
  }

  /** 1 MiB pasted into {@code cat} and echoed back: one terminal, then many at once. */
  private static ResultTable paste(HttpClient http, BenchCluster cluster,
      BrowserTerminal.Console console) throws Exception {
    Progress.say("pasting 1 MiB into one terminal, then into each of " + PASTE_TERMINALS + " at once");
    double alone = pasteSeconds(http, cluster, console, 1);
    double together = pasteSeconds(http, cluster, console, PASTE_TERMINALS);
    return new ResultTable("1 MiB pasted, echoed by cat", "seconds", "echoed MB/s")
        .row("one terminal", String.format("%.2f", alone), String.format("%.2f", PASTE / alone / 1e6))
        .row(PASTE_TERMINALS + " terminals at once (all done)", String.format("%.2f", together),
            String.format("%.2f", PASTE_TERMINALS * PASTE / together / 1e6));
  }

  /** Seconds until {@code terminals} terminals, pasted into at once, all echoed 1 MiB intact. */
  private static double pasteSeconds(HttpClient http, BenchCluster cluster,
      BrowserTerminal.Console console, int terminals) throws Exception {
    List<BrowserTerminal> open = new ArrayList<>();
    ExecutorService pasters = Executors.newFixedThreadPool(terminals);
    try {
      for (int i = 0; i < terminals; i++) {
        BrowserTerminal terminal = BrowserTerminal.open(http, cluster.proxy(), console, TunnelPath.NODE, "root");
        open.add(terminal);
        echoEverything(terminal);
      }
      long start = System.nanoTime();
      List<Future<?>> pastes = new ArrayList<>();
      for (BrowserTerminal terminal : open) {
        pastes.add(pasters.submit(() -> pasteAndCheck(terminal)));
      }
      for (Future<?> pasted : pastes) {
        pasted.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pasters.shutdownNow();
      open.forEach(BrowserTerminal::close);
    }
  }

  private static Void pasteAndCheck(BrowserTerminal terminal) throws InterruptedException {
    String text = "0123456789abcdefghijklmnopqrstuvwxyz .,-\n".repeat(PASTE / 40 + 1).substring(0, PASTE);
    int sent = 0;
    int echoed = 0;
    while (echoed < PASTE) {
      if (sent < PASTE && sent - echoed < PASTE_IN_FLIGHT) {
        terminal.type(text.substring(sent, Math.min(PASTE, sent + PASTE_CHUNK)));
        sent = Math.min(PASTE, sent + PASTE_CHUNK);
      } else {
        char c = terminal.next();
        if (c != text.charAt(echoed)) {
          throw new IllegalStateException("echo differs at offset " + echoed);
        }
        echoed++;
      }
    }
    return null;
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
