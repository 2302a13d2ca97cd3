package dev.outpost.cli.ssh;

import dev.outpost.cli.CliException;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A client tunnel to the proxy, proved with the user certificate, carrying one stream to a node's
 * SSH service: one tunnel per SSH connection, as the wire contract has it.
 */
public final class NodeConnection implements AutoCloseable {

  static final String CLIENT_TUNNEL_PATH = "/api/v1/tunnel/client";

  private final Tunnel tunnel;
  private final TunnelStream stream;

  private NodeConnection(Tunnel tunnel, TunnelStream stream) {
    this.tunnel = tunnel;
    this.stream = stream;
  }

  /** Dials the proxy and opens the stream {@code ssh:LOGIN@NODE:PORT}. */
  public static NodeConnection open(
      ProxyAddress proxy, SSLContext tls, SshIdentity identity, SshTarget target, Duration timeout)
      throws CliException {
    Tunnel tunnel;
    try {
      tunnel =
          WebSocketDialer.dial(
              proxy.wss(CLIENT_TUNNEL_PATH),
              tls,
              Map.of(),
              TunnelSettings.defaults(),
              identity.prover(),
              StreamAcceptor.REFUSE_ALL,
              timeout);
    } catch (IOException e) {
      throw CliException.failure(ProxyConnectionException.of(proxy, e).getMessage(), e);
    }
    return new NodeConnection(
        tunnel, openOn(tunnel, proxy, target, () -> tunnel.open(target.streamTarget())));
  }

  /** Opens a stream on a fresh tunnel. */
  interface StreamOpening {
    TunnelStream open() throws IOException;
  }

  /**
   * Opens the stream to {@code target} on {@code tunnel} by {@code opening}; should that fail,
   * closes the tunnel and says why in one line.
   */
  static TunnelStream openOn(Tunnel tunnel, ProxyAddress proxy, SshTarget target,
      StreamOpening opening) throws CliException {
    try {
      return opening.open();
    } catch (StreamRefusedException e) {
      tunnel.close("stream refused");
      throw CliException.failure("the proxy refused SSH as " + target + ": " + e.getMessage(), e);
    } catch (IOException e) {
      tunnel.close("stream failed");
      throw CliException.failure("the tunnel to proxy " + proxy + " broke: " + e.getMessage(), e);
    }
  }

  public TunnelStream stream() {
    return stream;
  }

  @Override
  public void close() {
    stream.close();
    tunnel.close("done");
  }
}
