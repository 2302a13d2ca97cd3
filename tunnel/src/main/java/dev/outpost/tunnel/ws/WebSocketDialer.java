package dev.outpost.tunnel.ws;

import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.ParkedStreams;
import dev.outpost.tunnel.StreamSession;
import dev.outpost.tunnel.TunnelAuthenticator.Prover;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Dials a tunnel endpoint over {@code wss://} with the tunnel's own WebSocket client ({@link
 * WebSocketTransport}): the agent's, the CLI's and a leaf cluster's way in.
 */
public final class WebSocketDialer {
  private WebSocketDialer() {}

  /**
   * Opens a WebSocket to {@code uri} and completes the tunnel handshake on it.
   *
   * @param ssl the TLS context to trust the proxy (and present a client certificate); null for the
   *     JVM default. Host names are verified as usual.
   * @param headers extra upgrade request headers (never {@code Origin}: tunnel endpoints refuse it)
   * @param acceptor serves streams the proxy opens ({@link StreamAcceptor#REFUSE_ALL} for a client)
   * @param timeout bounds the connection and, separately, the handshake
   * @return an established tunnel
   * @throws IOException saying which step failed: connecting, the upgrade (an {@link
   *     UpgradeRefusedException} with the HTTP status and any retry hint), or the handshake (with
   *     the proxy's reason)
   */
  public static TunnelConnection dial(
      URI uri,
      SSLContext ssl,
      Map<String, String> headers,
      TunnelSettings settings,
      Prover prover,
      StreamAcceptor acceptor,
      Duration timeout)
      throws IOException {
    WebSocketTransport transport = open(uri, ssl, headers, settings, timeout);
    return handshake(uri, TunnelConnection.dial(transport, settings, prover, acceptor), timeout);
  }

  /**
   * As {@link #dial(URI, SSLContext, Map, TunnelSettings, Prover, StreamAcceptor, Duration)},
   * resuming the streams of {@code session} (null: none) when the proxy still has them (an
   * agent's redial), and keeping end-to-end streams in {@code parked} (null: none) when the proxy
   * went away for good, so that they resume through the next one.
   */
  public static TunnelConnection dial(
      URI uri,
      SSLContext ssl,
      TunnelSettings settings,
      Prover prover,
      StreamAcceptor acceptor,
      StreamSession session,
      ParkedStreams parked,
      Duration timeout)
      throws IOException {
    WebSocketTransport transport = open(uri, ssl, Map.of(), settings, timeout);
    return handshake(
        uri,
        TunnelConnection.dial(transport, settings, prover, acceptor, session, parked),
        timeout);
  }

  private static WebSocketTransport open(
      URI uri, SSLContext ssl, Map<String, String> headers, TunnelSettings settings,
      Duration timeout)
      throws IOException {
    int maxMessage = FrameLimits.HEADER_LENGTH + settings.maxPayload();
    try {
      return WebSocketTransport.connect(uri, ssl, headers, maxMessage, timeout);
    } catch (UpgradeRefusedException e) {
      throw e;
    } catch (SocketTimeoutException e) {
      SocketTimeoutException late =
          new SocketTimeoutException("WebSocket to " + uri + " did not open within " + timeout);
      late.initCause(e);
      throw late;
    } catch (IOException e) {
      throw new IOException("cannot open a WebSocket to " + uri + ": " + e, e);
    }
  }

  private static TunnelConnection handshake(URI uri, TunnelConnection tunnel, Duration timeout)
      throws IOException {
    try {
      return tunnel.awaitHandshake(timeout);
    } catch (IOException e) {
      throw new IOException("tunnel handshake with " + uri + " failed: " + e.getMessage(), e);
    }
  }
}
