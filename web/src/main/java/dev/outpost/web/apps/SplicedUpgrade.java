package dev.outpost.web.apps;

import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.TunnelStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A WebSocket the app accepted: after the 101 the browser's connection and the tunnel stream are
 * spliced byte for byte; the proxy does not look into WebSocket frames.
 */
public class SplicedUpgrade implements HttpUpgradeHandler {
  private static final Logger LOG = Logger.getLogger(SplicedUpgrade.class.getName());

  private TunnelStream stream;
  private InputStream fromApp;

  void attach(TunnelStream appStream, InputStream bufferedFromApp) {
    this.stream = appStream;
    this.fromApp = bufferedFromApp;
  }

  @Override
  public void init(WebConnection connection) {
    try {
      Splice.start(Splice.Side.of(stream, fromApp),
          Splice.Side.of(connection.getInputStream(), connection.getOutputStream()))
          .whenComplete((done, failure) -> close(connection));
    } catch (IOException e) {
      LOG.log(Level.FINE, "upgraded connection unusable", e);
      stream.reset("browser connection lost");
      close(connection);
    }
  }

  @Override
  public void destroy() {
    if (stream != null) {
      stream.close();
    }
  }

  private static void close(WebConnection connection) {
    try {
      connection.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing an upgraded connection", e);
    }
  }
}
