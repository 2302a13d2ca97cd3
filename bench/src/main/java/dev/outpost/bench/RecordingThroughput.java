package dev.outpost.bench;

import dev.outpost.api.cast.AsciicastWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Random;

/**
 * What recording costs the agent per byte of terminal output: the text of {@code head -c N
 * /dev/urandom | base64} as a PTY delivers it (76-character lines ending in CR LF, 4 KiB reads)
 * is written once straight to a file (what the agent does without recording: nothing; the file
 * is the lower bound of any copy) and once through the asciicast writer to a file, on one thread;
 * wall time and that thread's CPU time are compared.
 *
 * <pre>java -cp bench/target/... dev.outpost.bench.RecordingThroughput [MiB, default 512]</pre>
 */
public final class RecordingThroughput {
  private static final int READ = 4096;

  private RecordingThroughput() {}

  public static void main(String[] args) throws IOException {
    int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    byte[] text = base64Lines(1 << 20);
    Path dir = Files.createTempDirectory("outpost-recording-bench");
    try {
      // first round warms the JIT; the second is measured
      measure(dir, text, Math.min(64, mebibytes), false);
      measure(dir, text, Math.min(64, mebibytes), true);
      Result plain = measure(dir, text, mebibytes, false);
      Result recorded = measure(dir, text, mebibytes, true);
      System.out.print(new ResultTable("path", "MiB of output", "wall s", "MiB/s", "CPU s",
          "CPU ms per MiB", "file MiB")
          .row("raw copy to a file", Integer.toString(mebibytes), plain.wall(), plain.rate(),
              plain.cpu(), plain.cpuPerMib(), plain.fileMib())
          .row("asciicast v2 recording", Integer.toString(mebibytes), recorded.wall(),
              recorded.rate(), recorded.cpu(), recorded.cpuPerMib(), recorded.fileMib())
          .markdown());
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(file -> file.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  private static Result measure(Path dir, byte[] text, int mebibytes, boolean record)
      throws IOException {
    Path file = dir.resolve(record ? "recorded.cast" : "plain.out");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      AsciicastWriter writer = record
          ? AsciicastWriter.start(out, Clock.systemUTC(), 80, 24, "xterm") : null;
      for (long written = 0; written < (long) mebibytes << 20; written += READ) {
        int offset = (int) (written % text.length);
        if (writer != null) {
          writer.output(text, offset, READ);
        } else {
          out.write(text, offset, READ);
        }
      }
      if (writer != null) {
        writer.close();
      }
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    Result result = new Result(mebibytes, wall / 1e9, cpu / 1e9, Files.size(file) / 1048576.0);
    Files.delete(file);
    return result;
  }

  /** {@code base64} output as a terminal shows it: 76 characters and CR LF per line. */
  private static byte[] base64Lines(int size) {
    byte[] random = new byte[size];
    new Random(42).nextBytes(random);
    String encoded = Base64.getMimeEncoder().encodeToString(random);
    byte[] text = encoded.getBytes(StandardCharsets.US_ASCII);
    byte[] exact = new byte[size];
    System.arraycopy(text, 0, exact, 0, size);
    return exact;
  }

  private record Result(int mebibytes, double wallSeconds, double cpuSeconds, double fileMebibytes) {
    String wall() {
      return String.format("%.2f", wallSeconds);
    }

    String rate() {
      return String.format("%.0f", mebibytes / wallSeconds);
    }

    String cpu() {
      return String.format("%.2f", cpuSeconds);
    }

    String cpuPerMib() {
      return String.format("%.1f", cpuSeconds * 1000 / mebibytes);
    }

    String fileMib() {
      return String.format("%.0f", fileMebibytes);
    }
  }
}
