package dev.outpost.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Payara's {@code asadmin} against one domain and fails loudly with its output. */
final class Asadmin {
  private static final long TIMEOUT_MINUTES = 5;

  private final Path payaraHome;
  private final int adminPort;
  private final ProcessNetwork network;

  /** @param network where asadmin runs, and with it the server that {@code start-domain} forks */
  Asadmin(Path payaraHome, int adminPort, ProcessNetwork network) {
    this.payaraHome = payaraHome;
    this.adminPort = adminPort;
    this.network = network;
  }

  /** Runs a remote command against the running domain. */
  String remote(String... args) {
    List<String> command = new ArrayList<>(List.of("--port", Integer.toString(adminPort)));
    command.addAll(List.of(args));
    return run(Map.of(), command);
  }

  /** Runs a command with extra environment for the processes it forks (the server). */
  String run(Map<String, String> environment, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(payaraHome.resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(network.command(command)).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run asadmin: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running asadmin", e);
    }
  }
}
