package dev.outpost.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.launcher.ProcessNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code outpost} CLI, with a home of its own so that several users coexist in a test,
 * run on this host against the test cluster or inside a network namespace against the cluster
 * there.
 */
public final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path home;
  private final ProcessNetwork network;
  private final String proxy;

  /** A CLI on this host for the test cluster. */
  public Cli(Path home) {
    this(home, ProcessNetwork.HOST, TestCluster.localProxy());
  }

  /**
   * A CLI whose every command runs in {@code network}, for the proxy at {@code proxy} as seen
   * from there; inside a namespace {@code home} is its {@code HOME} too, so that stock OpenSSH
   * keeps its files apart from this host user's.
   */
  public Cli(Path home, ProcessNetwork network, String proxy) {
    this.home = home;
    this.network = network;
    this.proxy = proxy;
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
    return runWith(Map.of(), stdin, args);
  }

  /** Runs with {@code environment} added to {@code OUTPOST_HOME}, e.g. {@code KUBECONFIG}. */
  public Command.Result runWith(Map<String, String> environment, String stdin, String... args) {
    List<String> command = new ArrayList<>(javaJar());
    command.addAll(List.of(args));
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.putAll(homeEnvironment());
    return Command.run(network.command(command), all, stdin, Duration.ofMinutes(2));
  }

  /** Logs in with a password on stdin, trusting the proxy on first use as {@code --insecure} does. */
  public Cli login(String user, String password, String... extra) {
    List<String> args = new ArrayList<>(List.of("login", "--proxy=" + proxy,
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

  /** Runs a command with {@code --format=json} among {@code args}, requiring success. */
  public JsonNode json(String... args) {
    return parseJson(run(args).requireSuccess().stdout());
  }

  public static JsonNode parseJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /**
   * As an admin: creates user {@code name} with {@code roles} and {@code logins}, sets the
   * password through the invite, and returns the user's own logged-in CLI, beside this one.
   */
  public Cli addUser(String name, String roles, String logins, String password) {
    invite(name, roles, logins, password);
    return new Cli(home.resolveSibling(name), network, proxy).login(name, password);
  }

  /**
   * As an admin: creates user {@code name} with {@code roles} and {@code logins} and sets the
   * password through the invite, without logging in.
   */
  public void invite(String name, String roles, String logins, String password) {
    String code = json("admin", "users", "add", name, "--roles=" + roles, "--logins=" + logins,
        "--format=json").get("invite_code").asText();
    Command.run(network.command(List.of("curl", "-sS", "-k", "--fail-with-body", "-X", "POST", "-H",
        "Content-Type: application/json", "-d", "{\"password\":\"" + password + "\"}",
        "https://" + proxy + "/api/v1/invites/" + code)), Map.of(), null,
        Duration.ofSeconds(30)).requireSuccess();
  }

  /** Starts the CLI for a conversation on its standard streams (stderr merged into stdout). */
  public Process start(String... args) {
    return start(builder(args).redirectErrorStream(true));
  }

  /** Starts the CLI with its standard output and error written to files. */
  public Process start(Path output, Path errors, String... args) {
    return start(builder(args).redirectOutput(output.toFile()).redirectError(errors.toFile()));
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>(javaJar());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(network.command(command));
    builder.environment().putAll(homeEnvironment());
    return builder;
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> homeEnvironment() {
    return network instanceof ProcessNetwork.Host
        ? Map.of("OUTPOST_HOME", home.toString())
        : Map.of("OUTPOST_HOME", home.toString(), "HOME", home.toString());
  }

  /** The entry of {@code ls --format=json} for {@code node}, or null when it is not listed. */
  public JsonNode listed(String node) {
    for (JsonNode candidate : json("ls", "--format=json")) {
      if (node.equals(candidate.get("name").asText())) {
        return candidate;
      }
    }
    return null;
  }

  /** Waits until {@code ls} shows {@code node} online. */
  public void awaitOnline(String node, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Command.Result result = run("ls", "--format=json");
      last = result.stdout() + result.stderr();
      if (result.exitCode() == 0 && last.contains("\"" + node + "\"")) {
        JsonNode found = listed(node);
        if (found != null && found.get("online").asBoolean()) {
          return;
        }
      }
      Polling.sleep(1_000);
    }
    throw new AssertionError("node " + node + " did not come online within " + timeout + ": " + last);
  }

  public static List<String> javaJar() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-jar", TestCluster.get().layout().cliJar().toString());
  }
}
