package dev.outpost.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.client.tls.TlsContexts;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The console's REST API and terminal WebSocket as a script sees them: no browser, just HTTP. */
public final class ConsoleHttp {
  public static final String ORIGIN = "https://" + TestCluster.localProxy();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .sslContext(TlsContexts.insecure()).connectTimeout(Duration.ofSeconds(10)).build();

  /** A logged-in console session: its cookie and CSRF token. */
  public record Session(String cookie, String csrf) {}

  private ConsoleHttp() {}

  static HttpResponse<String> login(String user, String password) {
    return send(request("/api/v1/console/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}")));
  }

  public static Session session(String user, String password) {
    HttpResponse<String> response = login(user, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("login of " + user + " failed: " + response.body());
    }
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new Session(setCookie.substring(0, setCookie.indexOf(';')),
        AdminTasks.json(response.body()).get("csrf_token").asText());
  }

  static HttpResponse<String> get(String path, Session session) {
    return send(request(path).header("Cookie", session.cookie()).GET());
  }

  /** POST or DELETE with the cookie, and with the CSRF token unless it is empty. */
  static HttpResponse<String> change(String method, String path, Session session,
      Optional<String> csrf) {
    HttpRequest.Builder request = request(path).header("Cookie", session.cookie())
        .method(method, HttpRequest.BodyPublishers.noBody());
    csrf.ifPresent(token -> request.header("X-CSRF-Token", token));
    return send(request);
  }

  /** Audit events of the last hour of one type, as the admin with bearer token {@code bearer} reads them. */
  static JsonNode audit(String bearer, String type) {
    HttpResponse<String> response = send(request("/api/v1/audit?since=1h&type=" + type)
        .header("Authorization", "Bearer " + bearer).GET());
    if (response.statusCode() != 200) {
      throw new AssertionError("audit query failed: " + response.body());
    }
    return AdminTasks.json(response.body());
  }

  /**
   * Opens a terminal WebSocket with the given Origin, cookie and CSRF token. The handshake may take
   * as long as a browser would wait: dozens of them at once on two busy cores take seconds each.
   */
  public static CompletableFuture<WebSocket> terminal(String origin, String cookie, String csrf,
      String node, String login, WebSocket.Listener listener) {
    String query = "node=" + node + "&login=" + login + "&cols=120&rows=40&csrf="
        + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return HTTP.newWebSocketBuilder().header("Origin", origin).header("Cookie", cookie)
        .connectTimeout(Duration.ofSeconds(45))
        .buildAsync(URI.create("wss://" + TestCluster.localProxy() + "/api/v1/console/terminal?" + query),
            listener);
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://" + TestCluster.localProxy() + path))
        .timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
