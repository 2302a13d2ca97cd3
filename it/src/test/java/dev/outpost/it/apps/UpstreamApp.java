package dev.outpost.it.apps;

import dev.outpost.it.EdgeHost;
import dev.outpost.it.WebSocketFrames;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The web app on the device: a small HTTP/1.1 server on loopback, JDK only, started inside the
 * edge namespace ({@code java -cp test-classes dev.outpost.it.apps.UpstreamApp PORT}). One request
 * per connection. What it serves is what the tests check:
 *
 * <ul>
 *   <li>{@code /} a page with a form and a WebSocket echo script ({@code /app.js});
 *   <li>{@code /headers} the request line and headers exactly as received;
 *   <li>{@code POST /form} echoes the body;
 *   <li>{@code POST /upload} answers the body's length and SHA-256;
 *   <li>{@code /redirect} 302 to its own absolute address, {@code /elsewhere} 302 to another host;
 *   <li>{@code /cookie} sets a cookie with a Domain, and one named like the proxy's own;
 *   <li>{@code /events} three server-sent events a second apart;
 *   <li>{@code /ws} a WebSocket that echoes text messages;
 *   <li>{@code /bytes?n=N} N bytes with a Content-Length (for the benchmark).
 * </ul>
 */
public final class UpstreamApp {
  static final String PAGE = "<!DOCTYPE html><html><head><title>Upstream</title>"
      + "<script src=\"/app.js\" defer></script></head><body><h1 id=\"title\">Upstream home</h1>"
      + "<form method=\"post\" action=\"/form\"><input id=\"msg\" name=\"msg\">"
      + "<button id=\"send\" type=\"submit\">send</button></form>"
      + "<input id=\"ws-in\"><button id=\"ws-send\" type=\"button\">echo</button>"
      + "<p id=\"ws-out\"></p></body></html>";
  static final String SCRIPT = "const ws = new WebSocket('wss://' + location.host + '/ws');\n"
      + "ws.onmessage = (m) => { document.getElementById('ws-out').textContent = m.data; };\n"
      + "document.getElementById('ws-send').onclick = () =>"
      + " ws.send(document.getElementById('ws-in').value);\n";

  private UpstreamApp() {}

  /** Starts the app on {@code port} of {@code edge}'s loopback, logging to {@code log}. */
  public static Process launch(EdgeHost edge, int port, Path log) {
    return edge.spawn(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        testClasses(), UpstreamApp.class.getName(), Integer.toString(port)), log);
  }

  private static String testClasses() {
    try {
      return Path.of(UpstreamApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      System.out.println("upstream listening on " + server.getLocalSocketAddress());
      while (true) {
        Socket socket = server.accept();
        Thread thread = new Thread(() -> serve(socket), "upstream");
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] line = head.get(0).split(" ");
      String path = line[1];
      if (path.equals("/ws") && header(head, "upgrade").equalsIgnoreCase("websocket")) {
        echoWebSocket(head, in, out);
      } else if (path.equals("/")) {
        send(out, "200 OK", "text/html", PAGE, "");
      } else if (path.equals("/app.js")) {
        send(out, "200 OK", "text/javascript", SCRIPT, "");
      } else if (path.equals("/headers")) {
        send(out, "200 OK", "text/plain", String.join("\n", head) + "\n", "");
      } else if (path.equals("/form") && line[0].equals("POST")) {
        send(out, "200 OK", "text/html", "<p id=\"posted\">posted: "
            + new String(readBody(head, in), StandardCharsets.UTF_8) + "</p>", "");
      } else if (path.equals("/upload") && line[0].equals("POST")) {
        byte[] body = readBody(head, in);
        send(out, "200 OK", "text/plain", "received " + body.length + " bytes, sha256 "
            + HexFormat.of().formatHex(sha256(body)) + "\n", "");
      } else if (path.equals("/redirect")) {
        send(out, "302 Found", "text/plain", "moved\n", "Location: http://"
            + header(head, "host") + "/landing?from=redirect\r\n");
      } else if (path.equals("/elsewhere")) {
        send(out, "302 Found", "text/plain", "moved\n", "Location: https://example.invalid/x\r\n");
      } else if (path.equals("/cookie")) {
        send(out, "200 OK", "text/plain", "cookies set\n", "Set-Cookie: flavour=oat; Domain="
            + header(head, "host").replaceAll(":.*", "") + "; Path=/; HttpOnly\r\n"
            + "Set-Cookie: __Host-outpost-app=forged; Path=/; Secure\r\n");
      } else if (path.equals("/events")) {
        events(out);
      } else if (path.startsWith("/bytes?n=")) {
        bytes(out, Long.parseLong(path.substring("/bytes?n=".length())));
      } else {
        send(out, "404 Not Found", "text/plain", "no " + path + "\n", "");
      }
    } catch (IOException | InterruptedException e) {
      System.out.println("connection ended: " + e);
    }
  }

  private static void events(OutputStream out) throws IOException, InterruptedException {
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int i = 1; i <= 3; i++) {
      out.write(("data: tick " + i + "\n\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(1000);
    }
  }

  private static void bytes(OutputStream out, long n) throws IOException {
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + n
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] block = new byte[64 * 1024];
    for (long left = n; left > 0; left -= block.length) {
      out.write(block, 0, (int) Math.min(block.length, left));
    }
    out.flush();
  }

  private static void echoWebSocket(List<String> head, InputStream in, OutputStream out)
      throws IOException {
    String accept = WebSocketFrames.accept(header(head, "sec-websocket-key"));
    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    while (true) {
      WebSocketFrames.Frame frame = WebSocketFrames.read(in);
      if (frame == null || frame.opcode() == 8) {
        WebSocketFrames.write(out, 8, new byte[0], false);
        return;
      }
      if (frame.opcode() == 1) {
        WebSocketFrames.write(out, 1, frame.payload(), false);
      } else if (frame.opcode() == 9) {
        WebSocketFrames.write(out, 10, frame.payload(), false);
      }
    }
  }

  private static void send(OutputStream out, String status, String type, String body,
      String extraHeaders) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "; charset=utf-8\r\n"
        + "Content-Length: " + bytes.length + "\r\n" + extraHeaders + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    out.write(bytes);
    out.flush();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readBody(List<String> head, InputStream in) throws IOException {
    if (header(head, "transfer-encoding").equalsIgnoreCase("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
          size = Integer.parseInt(readLine(in).trim(), 16)) {
        body.write(in.readNBytes(size));
        readLine(in);
      }
      readLine(in);
      return body.toByteArray();
    }
    String length = header(head, "content-length");
    return length.isEmpty() ? new byte[0] : in.readNBytes(Integer.parseInt(length));
  }

  private static String header(List<String> head, String name) {
    for (String field : head.subList(1, head.size())) {
      int colon = field.indexOf(':');
      if (colon > 0 && field.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return field.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      lines.add(line);
    }
    return lines;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
