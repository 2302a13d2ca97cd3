package dev.outpost.web.terminal;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.UUID;

/**
 * The browser terminal's messages (docs/wire-contracts.md): JSON text messages, each with the
 * protocol version {@code v} and a {@code type}. The browser sends {@code data}, {@code resize}
 * and {@code close}; the proxy sends {@code ready}, {@code data}, {@code close} and {@code error}.
 * Anything else, or a message larger than {@link #MAX_MESSAGE}, is a protocol error.
 */
public final class TerminalProtocol {

  public static final int VERSION = 1;
  /** Largest text message either side sends, in characters. */
  public static final int MAX_MESSAGE = 64 * 1024;
  /** Largest output chunk in one {@code data} message, leaving room for JSON escaping. */
  public static final int MAX_OUTPUT_CHUNK = 8 * 1024;

  private static final JsonProvider JSON = JsonProvider.provider();

  private TerminalProtocol() {}

  /** @throws IllegalArgumentException with what is wrong, for any malformed message */
  public static ClientMessage parse(String text) {
    if (text.length() > MAX_MESSAGE) {
      throw new IllegalArgumentException("message exceeds " + MAX_MESSAGE + " characters");
    }
    JsonObject message;
    try {
      message = JSON.createReader(new StringReader(text)).readObject();
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException("message is not a JSON object");
    }
    int version = integer(message, "v");
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "protocol version " + version + " is not supported; this proxy speaks " + VERSION);
    }
    String type = string(message, "type");
    return switch (type) {
      case "data" -> new ClientMessage.Data(string(message, "data"));
      case "resize" -> new ClientMessage.Resize(
          new TerminalSize(integer(message, "cols"), integer(message, "rows")));
      case "close" -> new ClientMessage.Close();
      default -> throw new IllegalArgumentException(
          "unknown message type '" + printable(type) + "'");
    };
  }

  public static String ready(UUID session, String node, String login) {
    return base("ready").add("session", session.toString()).add("node", node)
        .add("login", login).build().toString();
  }

  public static String data(String output) {
    return base("data").add("data", output).build().toString();
  }

  /** The session ended, for {@code reason}; the socket closes next. */
  public static String close(String reason) {
    return base("close").add("reason", reason).build().toString();
  }

  /** The proxy refused or failed, for {@code message}; the socket closes next. */
  public static String error(String message) {
    return base("error").add("message", message).build().toString();
  }

  private static jakarta.json.JsonObjectBuilder base(String type) {
    return JSON.createObjectBuilder().add("v", VERSION).add("type", type);
  }

  private static String string(JsonObject message, String field) {
    JsonValue value = message.get(field);
    if (!(value instanceof JsonString string)) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return string.getString();
  }

  private static int integer(JsonObject message, String field) {
    JsonValue value = message.get(field);
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new IllegalArgumentException("field '" + field + "' must be an integer");
    }
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("field '" + field + "' is out of range");
    }
  }

  /** Keeps hostile input out of error messages. */
  private static String printable(String s) {
    String cut = s.length() > 32 ? s.substring(0, 32) + "…" : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
