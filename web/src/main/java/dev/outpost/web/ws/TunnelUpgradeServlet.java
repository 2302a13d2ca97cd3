package dev.outpost.web.ws;

import dev.outpost.tunnel.ws.WebSocketHandshake;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The WebSocket opening handshake of the three tunnel endpoints, answered by the proxy itself
 * rather than the container's WebSocket implementation (Tyrus), which unmasked every byte agents
 * and clients send one at a time (docs/performance.md). Browser WebSockets stay on Tyrus.
 *
 * <p>Tunnel endpoints serve agents, leaf proxies and the CLI, never pages: browsers always send
 * {@code Origin}, so refusing it shuts out cross-site WebSocket hijacking without an allow-list to
 * maintain. A valid version-13 handshake is answered 101 and the connection handed to a {@link
 * TunnelUpgradeHandler}; no subprotocol or extension is ever agreed. Agent connects pass the
 * admission filter first ({@link AgentTunnelAdmissionFilter}).
 */
@WebServlet(
    urlPatterns = {AgentTunnelEndpoint.PATH, ClientTunnelEndpoint.PATH, ClusterTunnelEndpoint.PATH},
    asyncSupported = true)
public class TunnelUpgradeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient AgentTunnelEndpoint agents;
  @Inject transient ClientTunnelEndpoint clients;
  @Inject transient ClusterTunnelEndpoint clusters;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.isEmpty()) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN,
          "tunnel endpoints serve agents and the CLI, not web pages: requests with an Origin are refused");
      return;
    }
    Optional<WebSocketHandshake.Refusal> refusal = WebSocketHandshake.check(request.getMethod(),
        request.getHeader("Upgrade"), request.getHeader("Connection"),
        request.getHeader("Sec-WebSocket-Version"), request.getHeader("Sec-WebSocket-Key"));
    if (refusal.isPresent()) {
      if (refusal.get().status() == 426) {
        response.setHeader("Sec-WebSocket-Version", WebSocketHandshake.VERSION);
      } else if (refusal.get().status() == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
        response.setHeader("Allow", "GET");
      }
      refuse(response, refusal.get().status(), refusal.get().reason());
      return;
    }
    String accept = WebSocketHandshake.accept(request.getHeader("Sec-WebSocket-Key"));
    request.upgrade(TunnelUpgradeHandler.class).serve(endpoint(request), request.getRemoteAddr());
    response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
    response.setHeader("Upgrade", "websocket");
    response.setHeader("Connection", "Upgrade");
    response.setHeader("Sec-WebSocket-Accept", accept);
    response.flushBuffer();
  }

  private TunnelEndpoint endpoint(HttpServletRequest request) {
    return switch (request.getServletPath()) {
      case AgentTunnelEndpoint.PATH -> agents;
      case ClusterTunnelEndpoint.PATH -> clusters;
      default -> clients;
    };
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
