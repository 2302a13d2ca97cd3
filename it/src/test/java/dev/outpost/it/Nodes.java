package dev.outpost.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waiting for nodes and reading the CLI's JSON, shared by the end-to-end suites. */
public final class Nodes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Nodes() {}

  /** Waits until {@code outpost ls} shows {@code name} online. */
  public static void awaitOnline(Cli cli, String name, Duration timeout) {
    String[] last = {""};
    await("node " + name + " online", timeout, () -> {
      Command.Result result = cli.run("ls", "--format=json");
      last[0] = result.stdout() + result.stderr();
      if (result.exitCode() != 0) {
        return false;
      }
      JsonNode found = findNodeOrNull(json(result), name);
      return found != null && found.get("online").asBoolean();
    }, () -> last[0]);
  }

  /** Polls {@code condition} every second until it holds or {@code timeout} passes. */
  public static void await(String what, Duration timeout, Supplier<Boolean> condition,
      Supplier<String> lastSeen) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (condition.get()) {
        return;
      }
      sleep(1_000);
    }
    throw new AssertionError(what + ": not within " + timeout + "; last seen: " + lastSeen.get());
  }

  public static JsonNode findNode(JsonNode nodes, String name) {
    JsonNode found = findNodeOrNull(nodes, name);
    if (found == null) {
      throw new AssertionError("node " + name + " not listed: " + nodes);
    }
    return found;
  }

  private static JsonNode findNodeOrNull(JsonNode nodes, String name) {
    for (JsonNode candidate : nodes) {
      if (name.equals(candidate.get("name").asText())) {
        return candidate;
      }
    }
    return null;
  }

  /** The successful command's stdout as JSON. */
  public static JsonNode json(Command.Result result) {
    result.requireSuccess();
    return parse(result.stdout());
  }

  public static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
