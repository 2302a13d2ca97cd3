package dev.outpost.bench.measure;

import dev.outpost.bench.setup.Program;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another JVM's heap, through {@code jcmd}: used after full collections (so roughly the live
 * data), and the maximum it may grow to.
 */
public final class JavaHeap {
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final Pattern MAX = Pattern.compile("MaxHeapSize=(\\d+)");
  private static final int COLLECTIONS = 3;

  private JavaHeap() {}

  /** Used heap in KiB after a few full collections, which also run reference processing. */
  public static long liveKib(long pid) {
    for (int i = 0; i < COLLECTIONS; i++) {
      jcmd(pid, "GC.run");
    }
    return parse(USED, jcmd(pid, "GC.heap_info"), "used heap");
  }

  public static long maxKib(long pid) {
    return parse(MAX, jcmd(pid, "VM.flags"), "MaxHeapSize") / 1024;
  }

  private static String jcmd(long pid, String command) {
    return Program.run(List.of("jcmd", Long.toString(pid), command)).stdout();
  }

  private static long parse(Pattern pattern, String output, String what) {
    Matcher m = pattern.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("jcmd did not report the " + what + ":\n" + output);
    }
    return Long.parseLong(m.group(1));
  }
}
