package dev.outpost.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real program to completion with input, a time limit and captured output. */
public final class Command {
  private Command() {}

  /** What a finished program left. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
      }
      return this;
    }
  }

  public static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    return run(command, env, stdin, timeout, null);
  }

  public static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout, Path dir) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    try {
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
            + "\nstdout: " + out.getNow("") + "\nstderr: " + err.getNow(""));
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
