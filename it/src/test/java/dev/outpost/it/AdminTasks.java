package dev.outpost.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What end-to-end tests do as the cluster's admin: find nodes, create users, read JSON. */
public final class AdminTasks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AdminTasks() {}

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

  /** Creates user {@code name} with {@code roles} and {@code logins}, and sets the password through the invite. */
  public static void createUser(Cli admin, String name, String roles, String logins, String password) {
    JsonNode created = json(admin.run("admin", "users", "add", name, "--roles=" + roles, "--logins=" + logins,
        "--format=json"));
    acceptInvite(created.get("invite_code").asText(), password);
  }

  public static void acceptInvite(String code, String password) {
    Command.run(List.of("curl", "-sS", "-k", "--fail-with-body", "-X", "POST", "-H", "Content-Type: application/json",
        "-d", "{\"password\":\"" + password + "\"}", "https://" + TestCluster.localProxy() + "/api/v1/invites/" + code),
        Map.of(), null, Duration.ofSeconds(30)).requireSuccess();
  }

  /** The standard output of a successful command, as JSON. */
  public static JsonNode json(Command.Result result) {
    result.requireSuccess();
    return json(result.stdout());
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
