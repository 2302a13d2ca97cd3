package dev.outpost.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A terminal of the web console as a browser holds it: the console login's cookie and CSRF token,
 * the terminal WebSocket with its JSON messages, and the shell's output as a queue of characters.
 */
public final class BrowserTerminal implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final BlockingQueue<Character> output = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  /** A console session: the cookie and its CSRF token. */
  public record Console(String cookie, String csrf) {

    /** Logs in to the console at {@code proxy} ({@code host:port}). */
    public static Console login(HttpClient http, String proxy, String user, String password)
        throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("https://" + proxy + "/api/v1/console/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
              .put("user", user).put("password", password).toString()))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("console login failed: " + response.body());
      }
      String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
      return new Console(cookie.substring(0, cookie.indexOf(';')),
          JSON.readTree(response.body()).get("csrf_token").asText());
    }
  }

  /** Opens a terminal as {@code login} on {@code node} and waits until its shell is ready. */
  public static BrowserTerminal open(HttpClient http, String proxy, Console console, String node,
      String login) throws Exception {
    BrowserTerminal terminal = new BrowserTerminal();
    http.newWebSocketBuilder().header("Origin", "https://" + proxy)
        .header("Cookie", console.cookie())
        .buildAsync(URI.create("wss://" + proxy + "/api/v1/console/terminal?node=" + node
            + "&login=" + login + "&csrf=" + URLEncoder.encode(console.csrf(), StandardCharsets.UTF_8)),
            terminal)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    terminal.ready.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return terminal;
  }

  /** Types {@code text} as one {@code data} message. */
  public void type(String text) {
    socket.sendText(JSON.createObjectNode().put("v", 1).put("type", "data").put("data", text)
        .toString(), true).join();
  }

  /** The next character the shell printed. */
  public char next() throws InterruptedException {
    Character c = output.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (c == null) {
      throw new IllegalStateException("the terminal printed nothing for " + TIMEOUT);
    }
    return c;
  }

  /** Reads and drops output up to and including {@code marker}. */
  public void skipPast(String marker) throws InterruptedException {
    int matched = 0;
    while (matched < marker.length()) {
      char c = next();
      matched = c == marker.charAt(matched) ? matched + 1 : (c == marker.charAt(0) ? 1 : 0);
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        JsonNode message = JSON.readTree(partial.toString());
        switch (message.get("type").asText()) {
          case "ready" -> ready.complete(message.get("session").asText());
          case "data" -> message.get("data").asText().chars().forEach(c -> output.add((char) c));
          default -> ready.completeExceptionally(new IllegalStateException("terminal ended: " + message));
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
  }
}
