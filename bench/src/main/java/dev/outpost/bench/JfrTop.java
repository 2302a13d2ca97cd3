package dev.outpost.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of the agent or the proxy says the time or the memory went: the top stack
 * tails of its CPU samples ({@code cpu}) or of its allocation samples weighted by bytes ({@code
 * alloc}, with the allocated type in front), as shares of the whole, plus the collections and
 * their pauses. Record with {@code jcmd PID JFR.start settings=profile duration=100s
 * filename=x.jfr}; then
 *
 * <pre>java -cp bench/target/classes dev.outpost.bench.JfrTop alloc x.jfr 6</pre>
 */
public final class JfrTop {
  private static final int ROWS = 25;

  private JfrTop() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || !List.of("cpu", "alloc").contains(args[0])) {
      System.err.println("usage: JfrTop cpu|alloc RECORDING.jfr [FRAMES]");
      System.exit(2);
    }
    boolean allocation = args[0].equals("alloc");
    int frames = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Map<String, Long> weights = new HashMap<>();
    long total = 0;
    long collections = 0;
    double pauseSeconds = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[1]))) {
      String type = event.getEventType().getName();
      if (type.equals("jdk.GarbageCollection")) {
        collections++;
        pauseSeconds += event.getDuration("sumOfPauses").toNanos() / 1e9;
      } else if (type.equals(allocation ? "jdk.ObjectAllocationSample" : "jdk.ExecutionSample")
          && event.getStackTrace() != null) {
        long weight = allocation ? event.getLong("weight") : 1;
        String prefix = allocation ? event.getClass("objectClass").getName() + " @ " : "";
        weights.merge(prefix + tail(event.getStackTrace().getFrames(), frames), weight, Long::sum);
        total += weight;
      }
    }
    System.out.printf(Locale.ROOT, "%s; %d collections, %.1f s of pauses%n",
        allocation ? String.format(Locale.ROOT, "%.1f GB allocated", total / 1e9) : total + " CPU samples",
        collections, pauseSeconds);
    long whole = total;
    weights.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(ROWS)
        .forEach(row -> System.out.printf(Locale.ROOT, "%5.1f %% %s%n", 100.0 * row.getValue() / whole, row.getKey()));
  }

  /** The innermost {@code count} frames as {@code Class.method < Caller.method < …}. */
  private static String tail(List<RecordedFrame> stack, int count) {
    StringBuilder tail = new StringBuilder();
    for (int i = 0; i < Math.min(count, stack.size()); i++) {
      String type = stack.get(i).getMethod().getType().getName();
      tail.append(i == 0 ? "" : " < ")
          .append(type.substring(type.lastIndexOf('.') + 1))
          .append('.')
          .append(stack.get(i).getMethod().getName());
    }
    return tail.toString();
  }
}
