package dev.outpost.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.AdminTasks;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The browser side of the terminal protocol in Java: collects the shell's output, remembers the
 * session id from {@code ready} and how the proxy ended things ({@code close} or {@code error}).
 */
public final class TerminalClient implements WebSocket.Listener {
  public final CompletableFuture<String> session = new CompletableFuture<>();
  public final CompletableFuture<String> ended = new CompletableFuture<>();
  private final StringBuilder output = new StringBuilder();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      receive(AdminTasks.json(partial.toString()));
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    ended.complete("socket closed " + statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    ended.complete("socket failed: " + error);
  }

  private void receive(JsonNode message) {
    if (message.get("v").asInt() != 1) {
      throw new AssertionError("unexpected protocol version: " + message);
    }
    switch (message.get("type").asText()) {
      case "ready" -> session.complete(message.get("session").asText());
      case "data" -> {
        synchronized (output) {
          output.append(message.get("data").asText());
          output.notifyAll();
        }
      }
      case "close" -> ended.complete("close: " + message.get("reason").asText());
      case "error" -> ended.complete("error: " + message.get("message").asText());
      default -> throw new AssertionError("unknown message: " + message);
    }
  }

  /** Sends input as {@code data} messages of at most {@code chunk} characters, in order. */
  public void type(String text, int chunk) {
    for (int i = 0; i < text.length(); i += chunk) {
      String piece = text.substring(i, Math.min(text.length(), i + chunk));
      socket.sendText("{\"v\":1,\"type\":\"data\",\"data\":" + jsonString(piece) + "}", true).join();
    }
  }

  void send(String rawMessage) {
    socket.sendText(rawMessage, true).join();
  }

  /** Waits until the output contains {@code marker}; returns the {@code length} characters after it. */
  public String awaitAfter(String marker, int length, Duration timeout) throws InterruptedException {
    synchronized (output) {
      int at = awaitLength(marker, length, timeout);
      return output.substring(at, at + length);
    }
  }

  /**
   * Waits until {@code length} characters followed the first {@code marker}; returns where they
   * start.
   */
  int awaitLength(String marker, int length, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      while (true) {
        int at = output.indexOf(marker);
        if (at >= 0 && output.length() - at - marker.length() >= length) {
          return at + marker.length();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended.isDone()) {
          String tail = output.length() > 300 ? output.substring(output.length() - 300) : output.toString();
          throw new AssertionError("no '" + marker + "' followed by " + length + " characters within " + timeout
              + " (" + ended.getNow("still open") + "); output ends with: " + tail);
        }
        output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  public void close() {
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static String jsonString(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
