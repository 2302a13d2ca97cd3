package dev.outpost.tunnel.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A blocking connection to a {@code wss://} (or, for tests, {@code ws://}) endpoint: TCP with a
 * connect timeout and {@code TCP_NODELAY} (a keystroke is one small frame that must not wait for an
 * acknowledgement), then TLS from the caller's context with SNI and host name verification, as a
 * browser or the JDK's HTTP client checks. A trust manager that verifies names itself (an {@code
 * X509ExtendedTrustManager}, as {@code --insecure}'s) decides on its own, exactly as with those.
 *
 * <p>Reads time out after the given timeout until {@link #untimed}: a server that accepts the
 * connection but never answers the upgrade cannot hold a dialer.
 */
public final class ClientSocket implements AutoCloseable {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final Socket tcp;
  private final Socket stream;

  private ClientSocket(Socket tcp, Socket stream) {
    this.tcp = tcp;
    this.stream = stream;
  }

  /**
   * Connects to {@code uri}'s host and port (443 for {@code wss}, 80 for {@code ws} by default).
   *
   * @param ssl trust (and any client certificate) for {@code wss}; null for the JVM default
   * @throws java.net.SocketTimeoutException if the connection or the TLS handshake takes longer
   *     than {@code timeout}
   */
  public static ClientSocket open(URI uri, SSLContext ssl, Duration timeout) throws IOException {
    boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
    if (!secure && !"ws".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a WebSocket URI: " + uri);
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    Socket tcp = new Socket();
    try {
      tcp.setTcpNoDelay(true);
      tcp.connect(new InetSocketAddress(bareHost, port), millis);
      tcp.setSoTimeout(millis);
      return new ClientSocket(tcp, secure ? tls(tcp, ssl, bareHost, port) : tcp);
    } catch (IOException | RuntimeException e) {
      tcp.close();
      throw e;
    }
  }

  private static SSLSocket tls(Socket tcp, SSLContext ssl, String host, int port)
      throws IOException {
    SSLContext context;
    try {
      context = ssl != null ? ssl : SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.contains(":") && !IPV4.matcher(host).matches()) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  /** The connection to read and write: TLS over TCP, or TCP for {@code ws://}. */
  public Socket stream() {
    return stream;
  }

  /** The TLS session; empty for {@code ws://}. */
  public Optional<SSLSession> tlsSession() {
    return stream instanceof SSLSocket secure ? Optional.of(secure.getSession()) : Optional.empty();
  }

  /** From now on reads wait as long as it takes: the tunnel keeps itself alive. */
  void untimed() throws IOException {
    stream.setSoTimeout(0);
  }

  /**
   * Drops the connection at once, without a TLS close: closing the TCP socket under it never waits
   * for a writer stuck on a peer that stopped reading, and fails blocked reads and writes.
   */
  @Override
  public void close() {
    try {
      tcp.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
