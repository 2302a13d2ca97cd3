package dev.outpost.it.kube;

import dev.outpost.it.WebSocketFrames;
import dev.outpost.it.kube.spdy.SpdyFrameReader;
import dev.outpost.it.kube.spdy.SpdyFrameWriter;
import dev.outpost.tunnel.http.HttpHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * {@code port-forward} of the API server stand-in: the switch of protocols, then a {@link
 * PortForwardSession}. kubectl 1.30 and later ask for a WebSocket with the subprotocol {@value
 * #TUNNELED} and send SPDY frames in its binary messages ({@link WebSocketTunnel}); with {@code
 * KUBECTL_PORT_FORWARD_WEBSOCKETS=false}, or when the WebSocket is refused, they upgrade the HTTP
 * connection to {@code SPDY/3.1} itself ({@code X-Stream-Protocol-Version: portforward.k8s.io}).
 * Each accepted upgrade is printed as a {@code PORTFORWARD websocket|spdy REQUEST-LINE} line.
 */
final class PortForwardUpgrade {
  static final String PROTOCOL = "portforward.k8s.io";
  static final String TUNNELED = "SPDY/3.1+" + PROTOCOL;

  private PortForwardUpgrade() {}

  /** Whether {@code request} asks to switch protocols for a pod's port-forward. */
  static boolean asks(HttpHead request) {
    String path = request.startLine().split(" ")[1].split("\\?")[0];
    return path.endsWith("/portforward") && request.header("Upgrade").isPresent();
  }

  /** Answers the upgrade on {@code out} and serves the session until kubectl goes away. */
  static void serve(HttpHead request, InputStream in, OutputStream out, ExecutorService threads)
      throws IOException {
    String upgrade = request.header("Upgrade").orElse("");
    if (upgrade.equalsIgnoreCase("websocket") && request.lists("Sec-WebSocket-Protocol", TUNNELED)
        && request.header("Sec-WebSocket-Key").isPresent()) {
      new HttpHead("HTTP/1.1 101 Switching Protocols", List.of(
          new HttpHead.Header("Upgrade", "websocket"), new HttpHead.Header("Connection", "Upgrade"),
          new HttpHead.Header("Sec-WebSocket-Accept",
              WebSocketFrames.accept(request.header("Sec-WebSocket-Key").get())),
          new HttpHead.Header("Sec-WebSocket-Protocol", TUNNELED))).write(out);
      out.flush();
      System.out.println("PORTFORWARD websocket " + request.startLine());
      WebSocketTunnel tunnel = new WebSocketTunnel(in, out);
      new PortForwardSession(new SpdyFrameReader(tunnel.input()),
          new SpdyFrameWriter(tunnel.output()), threads).run();
    } else if (upgrade.equalsIgnoreCase("SPDY/3.1")
        && request.lists("X-Stream-Protocol-Version", PROTOCOL)) {
      new HttpHead("HTTP/1.1 101 Switching Protocols", List.of(
          new HttpHead.Header("Connection", "Upgrade"), new HttpHead.Header("Upgrade", "SPDY/3.1"),
          new HttpHead.Header("X-Stream-Protocol-Version", PROTOCOL))).write(out);
      out.flush();
      System.out.println("PORTFORWARD spdy " + request.startLine());
      new PortForwardSession(new SpdyFrameReader(in), new SpdyFrameWriter(out), threads).run();
    } else {
      out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      System.out.println("FAILED port-forward without a protocol spoken here: " + request.headers());
    }
  }
}
