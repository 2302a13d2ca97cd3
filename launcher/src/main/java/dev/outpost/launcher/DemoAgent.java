package dev.outpost.launcher;

import dev.outpost.api.TokenResponse;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The agent {@code ./mvnw -Prun} starts on this host, joined with a token the launcher asks for as
 * the bootstrap admin: the same path a device takes, only on the same machine.
 */
final class DemoAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DemoAgent.class.getName());
  private static final String NAME = "demo";

  private final Process process;

  private DemoAgent(Process process) {
    this.process = process;
  }

  /**
   * Starts the demo agent: with a fresh token when it has not joined yet (which needs the admin
   * password), or with its stored identity otherwise. Returns null, saying why, when it cannot.
   */
  static DemoAgent startIfPossible(LocalCluster cluster, String adminPassword) {
    ClusterLayout layout = cluster.layout();
    Path dataDir = layout.dataDir().resolve("demo-agent");
    List<String> command = new ArrayList<>(AgentCommand.of(layout.agentJar()));
    command.addAll(List.of("start", "--proxy=localhost:" + layout.httpsPort(), "--name=" + NAME,
        "--labels=env=demo", "--data-dir=" + dataDir));
    try {
      if (!Files.isDirectory(dataDir)) {
        if (adminPassword == null) {
          LOG.warning("demo agent not started: set OUTPOST_BOOTSTRAP_ADMIN_PASSWORD to let the launcher join it");
          return null;
        }
        TokenResponse token = AdminSession.login(cluster, adminPassword).nodeToken();
        command.add("--token=" + token.token());
        command.add("--ca-pin=" + token.caPin());
      }
      Files.createDirectories(layout.dataDir());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(layout.dataDir().resolve("demo-agent.log").toFile())
              .start();
      return new DemoAgent(process);
    } catch (IOException | GeneralSecurityException | ApiException e) {
      LOG.warning("demo agent not started: " + e.getMessage());
      return null;
    }
  }

  String name() {
    return NAME;
  }

  /** The login a user has on the demo node: the agent runs as this user. */
  String login() {
    return System.getProperty("user.name");
  }

  @Override
  public void close() {
    process.destroy();
  }
}
