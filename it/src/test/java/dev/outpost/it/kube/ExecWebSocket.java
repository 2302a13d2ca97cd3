package dev.outpost.it.kube;

import dev.outpost.it.WebSocketFrames;
import dev.outpost.tunnel.http.HttpHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code exec} and {@code attach} of the API server stand-in, over WebSocket with the channel
 * protocol kubectl (1.30 and later) asks for first, {@code v5.channel.k8s.io} (or {@code v4}):
 * binary messages whose first byte names the channel (0 stdin, 1 stdout, 2 stderr, 3 the final
 * {@code Status}, 4 terminal size, 255 "this channel is closed", v5 only). Without a terminal
 * ({@code tty=false}) the "container" is {@code cat}: what arrives on stdin goes back on stdout;
 * once stdin closes (at once when the request has no stdin) the stand-in reports success and
 * closes. With one ({@code kubectl exec -it}: {@code tty=true}) it is {@link ExecTerminal}, a
 * shell on a terminal the sizes on channel 4 describe. SPDY/3.1, which kubectl falls back to, is
 * not spoken: an exec that gets through here went through the WebSocket upgrade.
 */
final class ExecWebSocket {
  private static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
  static final int STDIN = 0;
  static final int STDOUT = 1;
  static final int ERROR = 3;
  static final int RESIZE = 4;
  private static final int CLOSE_CHANNEL = 255;
  private static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;
  private static final String SUCCESS = "{\"metadata\":{},\"status\":\"Success\"}";

  private final InputStream in;
  private final OutputStream out;

  private ExecWebSocket(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** Whether {@code request} is a WebSocket exec or attach of a pod. */
  static boolean asks(HttpHead request) {
    String path = request.startLine().split(" ")[1].split("\\?")[0];
    return (path.endsWith("/exec") || path.endsWith("/attach"))
        && request.header("Upgrade").filter(u -> u.equalsIgnoreCase("websocket")).isPresent();
  }

  /** Answers the upgrade on {@code out} and runs the session until stdin or the client ends. */
  static void serve(HttpHead request, InputStream in, OutputStream out) throws IOException {
    Optional<String> protocol = request.header("Sec-WebSocket-Protocol").flatMap(offered ->
        PROTOCOLS.stream().filter(Arrays.stream(offered.split(",")).map(String::strip).toList()::contains)
            .findFirst());
    String key = request.header("Sec-WebSocket-Key").orElse(null);
    if (protocol.isEmpty() || key == null) {
      out.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      System.out.println("FAILED exec without a channel protocol or key: " + request.headers());
      return;
    }
    new HttpHead("HTTP/1.1 101 Switching Protocols", List.of(
        new HttpHead.Header("Upgrade", "websocket"), new HttpHead.Header("Connection", "Upgrade"),
        new HttpHead.Header("Sec-WebSocket-Accept", WebSocketFrames.accept(key)),
        new HttpHead.Header("Sec-WebSocket-Protocol", protocol.get()))).write(out);
    out.flush();
    System.out.println("EXEC " + protocol.get() + " " + request.startLine());
    ExecWebSocket session = new ExecWebSocket(in, out);
    if (request.startLine().contains("tty=true")) {
      new ExecTerminal(session).run();
    } else if (request.startLine().contains("stdin=true")) {
      session.echoStdin();
    }
    session.send(BINARY, channel(ERROR, SUCCESS.getBytes(StandardCharsets.UTF_8)));
    session.send(CLOSE, new byte[] {0x03, (byte) 0xE8});
  }

  /** One message on a channel. */
  record Message(int channel, byte[] data) {}

  /** The client's next message, pings answered on the way; null once stdin or the client ends. */
  Message next() throws IOException {
    while (true) {
      WebSocketFrames.Frame frame = WebSocketFrames.read(in);
      if (frame == null || frame.opcode() == CLOSE) {
        return null;
      } else if (frame.opcode() == PING) {
        send(PONG, frame.payload());
      } else if (frame.opcode() == BINARY && frame.payload().length > 0) {
        byte[] payload = frame.payload();
        Message message = new Message(payload[0] & 0xFF, Arrays.copyOfRange(payload, 1, payload.length));
        boolean stdinClosed = message.channel() == CLOSE_CHANNEL && message.data().length == 1
            && message.data()[0] == STDIN;
        return stdinClosed ? null : message;
      }
    }
  }

  /** Sends {@code data} on {@code channel} (stdout, for a terminal the only output). */
  void write(int channel, byte[] data) throws IOException {
    send(BINARY, channel(channel, data));
  }

  private void echoStdin() throws IOException {
    for (Message message = next(); message != null; message = next()) {
      if (message.channel() == STDIN) {
        write(STDOUT, message.data());
      }
    }
  }

  private void send(int opcode, byte[] payload) throws IOException {
    WebSocketFrames.write(out, opcode, payload, false);
  }

  private static byte[] channel(int channel, byte[] data) {
    byte[] message = new byte[data.length + 1];
    message[0] = (byte) channel;
    System.arraycopy(data, 0, message, 1, data.length);
    return message;
  }
}
