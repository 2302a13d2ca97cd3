package dev.outpost.bench.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
  private static final ObjectMapper JSON = new ObjectMapper();
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

  /**
   * Creates role {@code role} allowing what {@code allow} says (YAML lines under {@code allow:}),
   * gives it to the bootstrap admin besides {@code admin} and {@code access}, and logs in again
   * for a certificate that carries it.
   */
  void grantAdmin(String proxy, String password, Path dir, String role, String allow) {
    createRole(dir, role, allow);
    run("admin", "users", "update", "admin", "--set-roles=admin,access," + role);
    login(proxy, password);
  }

  /** As an admin: creates role {@code role} allowing what {@code allow} says (YAML lines under {@code allow:}). */
  void createRole(Path dir, String role, String allow) {
    try {
      Path file = Files.writeString(dir.resolve(role + ".yaml"),
          "kind: role\nname: " + role + "\nallow:\n" + allow);
      run("admin", "roles", "create", "-f", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one command and returns its standard output. */
  String run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs one command with {@code --format=json} among {@code args} and parses its output. */
  JsonNode json(String... args) {
    String text = run(args);
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  private String runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return Program.run(command, Map.of("OUTPOST_HOME", home.toString()), stdin).stdout();
  }
}
