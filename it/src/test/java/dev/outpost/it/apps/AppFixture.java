package dev.outpost.it.apps;

import static dev.outpost.it.AdminTasks.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Cli;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A device behind the dial-out-only edge host with a real web app on its loopback, published
 * twice by its agent: as {@code web-…} (label {@code team=ops}) and {@code dev-…} ({@code
 * team=dev}); a role {@code apps-ops-…} that allows {@code team=ops} apps (and more such roles on
 * request); names unique per run.
 */
final class AppFixture implements AutoCloseable {
  static final String PASSWORD = "apps correct horse";
  static final int UPSTREAM_PORT = 18080;

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final String node = "apps-" + suffix;
  final String web = "web-" + suffix;
  final String dev = "dev-" + suffix;
  final String role = "apps-ops-" + suffix;
  final Cli admin;
  private final EdgeHost edge;

  private AppFixture() {
    Path work = dataDir();
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    edge = EdgeHost.create();
    UpstreamApp.launch(edge, UPSTREAM_PORT, work.resolve("upstream-" + suffix + ".log"));
    String upstream = "http://127.0.0.1:" + UPSTREAM_PORT;
    edge.join(admin, node, "env=edge", work.resolve(node),
        "--app=" + web + "=" + upstream + ",team=ops", "--app=" + dev + "=" + upstream + ",team=dev");
    createRole(role, "");
  }

  static AppFixture start() {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "web app end-to-end tests need root with iproute2 and iptables to build network namespaces");
    return new AppFixture();
  }

  /** A new user with {@code roles}; returns the name. */
  String user(String name, String roles) {
    String user = name + "-" + suffix;
    AdminTasks.createUser(admin, user, roles, "root", PASSWORD);
    return user;
  }

  /** A CLI logged in as {@code user}. */
  Cli cli(String user) {
    return Cli.fresh(user).login(user, PASSWORD);
  }

  /** The cluster CA the CLI stored at login, to check the proxy's certificate with. */
  Path clusterCa() {
    return admin.home().resolve("cluster_ca.pem");
  }

  /** {@code NAME.localhost:18443}, how an app's host is named in these tests. */
  static String host(String app) {
    return app + "." + TestCluster.APPS_DOMAIN + ":" + TestCluster.HTTPS_PORT;
  }

  /** Waits until {@code cli}'s {@code outpost apps ls} lists {@code app}. */
  static void awaitApp(Cli cli, String app, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      var result = cli.run("apps", "ls", "--format=json");
      last = result.stdout() + result.stderr();
      if (result.exitCode() == 0) {
        for (JsonNode listed : json(result)) {
          if (app.equals(listed.get("name").asText())) {
            return;
          }
        }
      }
      Polling.sleep(500);
    }
    throw new AssertionError("app " + app + " not listed within " + timeout + ": " + last);
  }

  /**
   * Creates role {@code name}, which allows {@code team=ops} apps, with {@code options} (YAML
   * lines below {@code options:}, or empty); returns the name.
   */
  String createRole(String name, String options) {
    Path file = dataDir().resolve(name + ".yaml");
    try {
      Files.writeString(file, "kind: role\nname: " + name + "\nallow:\n  app_labels: {team: ops}\n"
          + (options.isEmpty() ? "" : "options:\n" + options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin.run("admin", "roles", "create", "-f", file.toString()).requireSuccess();
    return name;
  }

  private static Path dataDir() {
    try {
      return Files.createDirectories(TestCluster.get().layout().dataDir().resolve("apps-it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    edge.close();
  }
}
