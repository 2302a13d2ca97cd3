package dev.outpost.tunnel.ws;

import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.ParkedStreams;
import dev.outpost.tunnel.StreamSession;
import dev.outpost.tunnel.TunnelAuthenticator.Prover;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.admission.RetryAfter;
import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Dials a tunnel endpoint over {@code wss://} with the JDK client: the agent's and CLI's way in.
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
    return dial(client(ssl, timeout), uri, headers, settings, prover, acceptor, timeout);
  }

  /**
   * As {@link #dial(URI, SSLContext, Map, TunnelSettings, Prover, StreamAcceptor, Duration)}, with
   * a client of the caller's (which carries the TLS settings): an agent that redials for days
   * reuses one rather than leaving a client and its selector thread behind per attempt.
   */
  public static TunnelConnection dial(
      HttpClient client,
      URI uri,
      Map<String, String> headers,
      TunnelSettings settings,
      Prover prover,
      StreamAcceptor acceptor,
      Duration timeout)
      throws IOException {
    WebSocketTransport transport = open(client, uri, headers, settings, timeout);
    return handshake(uri, TunnelConnection.dial(transport, settings, prover, acceptor), timeout);
  }

  private static WebSocketTransport open(
      HttpClient client,
      URI uri,
      Map<String, String> headers,
      TunnelSettings settings,
      Duration timeout)
      throws IOException {
    int maxMessage = FrameLimits.HEADER_LENGTH + settings.maxPayload();
    return await(
        uri, WebSocketTransport.connect(client, uri, headers, maxMessage, timeout), timeout);
  }

  private static TunnelConnection handshake(URI uri, TunnelConnection tunnel, Duration timeout)
      throws IOException {
    try {
      return tunnel.awaitHandshake(timeout);
    } catch (IOException e) {
      throw new IOException("tunnel handshake with " + uri + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #dial(HttpClient, URI, Map, TunnelSettings, Prover, StreamAcceptor, Duration)},
   * resuming the streams of {@code session} (null: none) when the proxy still has them (an
   * agent's redial), and keeping end-to-end streams in {@code parked} (null: none) when the proxy
   * went away for good, so that they resume through the next one.
   */
  public static TunnelConnection dial(
      HttpClient client,
      URI uri,
      TunnelSettings settings,
      Prover prover,
      StreamAcceptor acceptor,
      StreamSession session,
      ParkedStreams parked,
      Duration timeout)
      throws IOException {
    WebSocketTransport transport = open(client, uri, Map.of(), settings, timeout);
    return handshake(
        uri,
        TunnelConnection.dial(transport, settings, prover, acceptor, session, parked),
        timeout);
  }

  /** A client for {@link #dial}: TLS from {@code ssl} (null for the JVM default). */
  public static HttpClient client(SSLContext ssl, Duration connectTimeout) {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(connectTimeout);
    if (ssl != null) {
      client.sslContext(ssl);
    }
    return client.build();
  }

  private static WebSocketTransport await(
      URI uri, CompletableFuture<WebSocketTransport> opening, Duration timeout) throws IOException {
    try {
      return opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      opening.cancel(true);
      throw new IOException("WebSocket to " + uri + " did not open within " + timeout);
    } catch (InterruptedException e) {
      opening.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while opening a WebSocket to " + uri);
    } catch (ExecutionException e) {
      throw openFailure(uri, e.getCause());
    }
  }

  private static IOException openFailure(URI uri, Throwable cause) {
    if (cause instanceof WebSocketHandshakeException refused) {
      int status = refused.getResponse().statusCode();
      Optional<Duration> retryAfter =
          refused.getResponse().headers().firstValue(RetryAfter.HEADER).flatMap(RetryAfter::parse);
      return new UpgradeRefusedException(
          "WebSocket upgrade to " + uri + " refused with HTTP " + status
              + retryAfter.map(wait -> " (retry after " + wait.toSeconds() + " s)").orElse(""),
          status, retryAfter, cause);
    }
    return new IOException("cannot open a WebSocket to " + uri + ": " + cause, cause);
  }
}
