package dev.outpost.it.console;

import static dev.outpost.it.AdminTasks.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Polling;
import dev.outpost.it.Cli;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the console tests stand on: a node behind the dial-out-only edge host, joined with label
 * {@code env=edge}, and users made for one test class (login {@code root}), unique per run.
 */
final class ConsoleFixture implements AutoCloseable {
  static final String PASSWORD = "console correct horse";

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final String node;
  final Cli admin;
  private final EdgeHost edge;
  private final Path agentData;
  private Process agent;

  private ConsoleFixture(String prefix) {
    node = prefix + "-" + suffix;
    Path work = dataDir("console-it");
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    edge = EdgeHost.create();
    agentData = work.resolve(node);
    agent = edge.join(admin, node, "env=edge", agentData);
  }

  /** Skips the class, saying why, where network namespaces cannot be made. */
  static ConsoleFixture start(String prefix) {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "web console end-to-end tests need root with iproute2 and iptables to build network namespaces");
    return new ConsoleFixture(prefix);
  }

  /** A new user with role {@code access} and login {@code root}; returns the name. */
  String user(String name) {
    return user(name, "access");
  }

  /** A new user with {@code roles} (comma-separated) and login {@code root}; returns the name. */
  String user(String name, String roles) {
    String user = name + "-" + suffix;
    AdminTasks.createUser(admin, user, roles, "root", PASSWORD);
    return user;
  }

  /** The admin's bearer token, for reading the audit log. */
  String adminBearer() {
    try {
      return json(Files.readString(admin.home().resolve("profile.json"))).get("session_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the audit log has an event of {@code type} for {@code session}, and returns it. */
  JsonNode awaitAudit(String type, String session, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode event : ConsoleHttp.audit(adminBearer(), type)) {
        if (session.equals(event.path("session_id").asText())) {
          return event;
        }
      }
      Polling.sleep(500);
    }
    throw new AssertionError("no " + type + " event for session " + session + " within " + timeout);
  }

  /**
   * Stops the node's agent: with a goodbye (SIGTERM), so the node is offline at once; or killed
   * (SIGKILL), so its tunnel is lost and the proxy waits for it to resume (reconnecting).
   */
  void stopAgent(boolean goodbye) {
    if (goodbye) {
      agent.destroy();
    } else {
      agent.destroyForcibly();
    }
    try {
      if (!agent.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the agent of " + node + " did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts the node's agent again from its data directory. */
  void restartAgent() {
    agent = edge.startJoinedAgent(node, agentData);
  }

  static Path dataDir(String name) {
    try {
      return Files.createDirectories(TestCluster.get().layout().dataDir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    edge.close();
  }
}
