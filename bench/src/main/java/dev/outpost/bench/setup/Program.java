package dev.outpost.bench.setup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs a benchmark drives: to completion with output captured, timed with output
 * discarded, or in the background. A program that fails or overruns fails the benchmark, with its
 * error output in the message.
 */
public final class Program {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final File NO_INPUT = new File("/dev/null");
  /**
   * A thread per stream being drained: the common pool has one thread on a two-core machine, and
   * a long-running program's stream would hold it and starve every other drain.
   */
  private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "drain");
    thread.setDaemon(true);
    return thread;
  });

  private Program() {}

  /** What a finished program wrote. */
  public record Output(String stdout, String stderr) {}

  public static Output run(List<String> command) {
    return run(command, Map.of(), null);
  }

  /** Runs to completion with {@code stdin} (or none) as input. */
  public static Output run(List<String> command, Map<String, String> env, String stdin) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    if (stdin == null) {
      builder.redirectInput(NO_INPUT);
    }
    Process process = start(builder);
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    if (stdin != null) {
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    awaitSuccess(command, process, err);
    return new Output(out.join(), err.join());
  }

  /** Wall time from start to exit, standard output discarded as {@code > /dev/null} does. */
  public static Duration timed(List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectInput(NO_INPUT).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = start(builder);
    CompletableFuture<String> err = drain(process.getErrorStream());
    awaitSuccess(command, process, err);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Starts in the background, both outputs to {@code log}. */
  public static Process spawn(List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectInput(NO_INPUT).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(builder);
  }

  /** Starts with pipes on all three streams; the caller drains them. */
  public static Process piped(List<String> command) {
    return start(new ProcessBuilder(command));
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + String.join(" ", builder.command()) + ": " + e.getMessage(), e);
    }
  }

  private static void awaitSuccess(List<String> command, Process process, CompletableFuture<String> err) {
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out after " + TIMEOUT + ": " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + process.exitValue() + ": " + err.join().strip());
    }
  }

  /** Reads a stream to its end on another thread, so that a full pipe never stalls the program. */
  public static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }, DRAINERS);
  }
}
