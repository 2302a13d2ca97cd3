package dev.outpost.bench.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code outpost} CLI as a user runs it, through {@code bin/outpost} and so with its JVM
 * flags, which {@code outpost config} copies into the {@code ProxyCommand}. A home of its own
 * keeps the benchmark's login apart from the user's.
 */
final class OutpostCli {
  private final Path launcher;
  private final Path home;

  OutpostCli(Path root, Path home) {
    this.launcher = root.resolve("bin/outpost");
    this.home = home;
  }

  /** Logs in as the bootstrap admin, trusting the proxy on first use as {@code --insecure} does. */
  void login(String proxy, String password) {
    runWithInput(password + "\n", "login", "--proxy=" + proxy, "--user=admin", "--insecure", "--password-stdin");
  }

  /** Runs one command and returns its standard output. */
  String run(String... args) {
    return runWithInput(null, args);
  }

  private String runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return Program.run(command, Map.of("OUTPOST_HOME", home.toString()), stdin).stdout();
  }
}
