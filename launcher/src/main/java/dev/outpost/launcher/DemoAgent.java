package dev.outpost.launcher;

import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

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
        TokenResponse token = nodeToken(cluster, adminPassword);
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

  private static TokenResponse nodeToken(LocalCluster cluster, String adminPassword)
      throws IOException, GeneralSecurityException, ApiException {
    ApiClient api = new ApiClient(ProxyAddress.parse("localhost:" + cluster.layout().httpsPort()), cluster.trustContext());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    String publicKey = PublicKeyEntry.toString(generator.generateKeyPair().getPublic());
    LoginResponse session =
        api.post("/api/v1/login", new LoginRequest("admin", adminPassword, null, publicKey, null, "5m"), LoginResponse.class);
    return api.withBearerToken(session.sessionToken())
        .post("/api/v1/admin/tokens", new TokenRequest("node", "10m"), TokenResponse.class);
  }
}
