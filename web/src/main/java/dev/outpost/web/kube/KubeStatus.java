package dev.outpost.web.kube;

import dev.outpost.tunnel.http.HttpHead;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A refusal as the Kubernetes API server words it, a {@code Status} object, so that {@code
 * kubectl} prints our message ({@code error: You must be logged in…} for 401, {@code Error from
 * server (Forbidden): …} for 403) instead of a parse error.
 */
final class KubeStatus {

  private KubeStatus() {}

  static void send(HttpServletResponse response, int code, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    response.setStatus(code);
    response.setContentType("application/json");
    byte[] body = body(code, message);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * The same refusal as a whole HTTP/1.1 response on a tunnel stream, for a proxy that answers
   * through another proxy (a leaf cluster answering its root).
   */
  static void write(OutputStream out, int code, String message) throws IOException {
    byte[] body = body(code, message);
    new HttpHead("HTTP/1.1 " + code + " " + reason(code), List.of(
        new HttpHead.Header("Content-Type", "application/json"),
        new HttpHead.Header("Content-Length", Integer.toString(body.length)))).write(out);
    out.write(body);
    out.flush();
  }

  static byte[] body(int code, String message) {
    return Json.createObjectBuilder()
        .add("kind", "Status")
        .add("apiVersion", "v1")
        .add("metadata", Json.createObjectBuilder())
        .add("status", "Failure")
        .add("message", message)
        .add("reason", reason(code))
        .add("code", code)
        .build().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code StatusReason} the API server gives for {@code code}. */
  private static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
  }
}
