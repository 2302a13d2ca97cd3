package dev.outpost.web.ws;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * One upgraded tunnel connection's life in the container: once the 101 answer is out, its {@link
 * TunnelEndpoint} serves the tunnel over a {@link ServletFrameTransport}. The container makes the
 * instance; {@link TunnelUpgradeServlet} tells it whom it serves before {@link #init} runs.
 */
public class TunnelUpgradeHandler implements HttpUpgradeHandler {
  private TunnelEndpoint endpoint;
  private String remoteAddress;
  private ServletFrameTransport transport;

  void serve(TunnelEndpoint endpoint, String remoteAddress) {
    this.endpoint = endpoint;
    this.remoteAddress = remoteAddress;
  }

  @Override
  public void init(WebConnection connection) {
    transport = new ServletFrameTransport(connection, TunnelEndpoint.MAX_MESSAGE, endpoint.settings());
    endpoint.open(transport, remoteAddress);
  }

  @Override
  public void destroy() {
    if (transport != null) {
      transport.destroyed();
    }
  }
}
