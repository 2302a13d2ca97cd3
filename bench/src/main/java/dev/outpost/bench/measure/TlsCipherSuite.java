package dev.outpost.bench.measure;

import dev.outpost.tunnel.ws.ClientSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * The TLS cipher suite the proxy settles on with a connection opened as the agent and the CLI
 * open theirs ({@link ClientSocket}): the encryption every tunnelled byte pays twice more on top
 * of SSH's own.
 */
public final class TlsCipherSuite {
  private TlsCipherSuite() {}

  /** @param endpoint the proxy's {@code wss://} tunnel endpoint */
  public static String of(SSLContext trust, URI endpoint) {
    try (ClientSocket socket = ClientSocket.open(endpoint, trust, Duration.ofSeconds(10))) {
      return socket.tlsSession().map(SSLSession::getCipherSuite).orElse("none");
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + endpoint + ": " + e.getMessage(), e);
    }
  }
}
