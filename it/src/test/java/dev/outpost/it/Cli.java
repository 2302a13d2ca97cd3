package dev.outpost.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real {@code outpost} CLI, with a home of its own so that several users coexist in a test. */
public final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;

  public Cli(Path home) {
    this.home = home;
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh home under the test data directory. */
  public static Cli fresh(String name) {
    return new Cli(TestCluster.get().layout().dataDir().resolve("cli-homes").resolve(name));
  }

  public Path home() {
    return home;
  }

  public Command.Result run(String... args) {
    return runWithInput(null, args);
  }

  public Command.Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(javaJar());
    command.addAll(List.of(args));
    return Command.run(command, Map.of("OUTPOST_HOME", home.toString()), stdin, Duration.ofMinutes(2));
  }

  /** Logs in with a password on stdin, trusting the proxy on first use as {@code --insecure} does. */
  public Cli login(String user, String password, String... extra) {
    List<String> args = new ArrayList<>(List.of("login", "--proxy=" + TestCluster.localProxy(),
        "--user=" + user, "--insecure", "--password-stdin"));
    args.addAll(List.of(extra));
    runWithInput(password + "\n", args.toArray(String[]::new)).requireSuccess();
    return this;
  }

  /** The {@code outpost config} block, written to a file for {@code ssh -F}. */
  public Path sshConfig() {
    String config = run("config").requireSuccess().stdout();
    Path file = home.resolve("ssh_config");
    try {
      Files.writeString(file, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** {@code outpost ls --format=json}: the node called {@code name}, or null if not listed. */
  public JsonNode node(String name) {
    for (JsonNode candidate : json(run("ls", "--format=json"))) {
      if (name.equals(candidate.get("name").asText())) {
        return candidate;
      }
    }
    return null;
  }

  /** Waits until {@code outpost ls} lists {@code name} as online. */
  public void awaitOnline(String name, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Command.Result result = run("ls", "--format=json");
      last = result.stdout() + result.stderr();
      if (result.exitCode() == 0 && isOnline(node(name))) {
        return;
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("node " + name + " did not come online within " + timeout + ": " + last);
  }

  /** The JSON a successful command printed. */
  public static JsonNode json(Command.Result result) {
    result.requireSuccess();
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + result.stdout(), e);
    }
  }

  private static boolean isOnline(JsonNode node) {
    return node != null && node.get("online").asBoolean();
  }

  static List<String> javaJar() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-jar", TestCluster.get().layout().cliJar().toString());
  }
}
