package dev.outpost.bench.measure;

import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * The TLS cipher suite the proxy settles on with a JDK client built as the agent and the CLI
 * build theirs ({@link WebSocketDialer#client}): the encryption every tunnelled byte pays twice
 * more on top of SSH's own.
 */
public final class TlsCipherSuite {
  private TlsCipherSuite() {}

  public static String of(SSLContext trust, URI anyPage) {
    try {
      HttpResponse<Void> response = WebSocketDialer.client(trust, Duration.ofSeconds(10))
          .send(HttpRequest.newBuilder(anyPage).build(), HttpResponse.BodyHandlers.discarding());
      return response.sslSession().map(SSLSession::getCipherSuite).orElse("none");
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + anyPage + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
