package dev.outpost.agent.kube;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The API server the agent talks to, with the agent's own credentials.
 *
 * @param server {@code https://host:port} (or {@code http://} for a local test server)
 * @param tls trust and client certificate for {@code https}
 * @param token a bearer token, if the kubeconfig gives one inline
 * @param tokenFile a file holding the bearer token, read at each request (service account tokens
 *     are rotated)
 */
public record KubeApiServer(URI server, SSLContext tls, Optional<String> token,
    Optional<Path> tokenFile) {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  public KubeApiServer {
    if (!"https".equals(server.getScheme()) && !"http".equals(server.getScheme())) {
      throw new IllegalArgumentException("API server URL must be https:// or http://, not " + server);
    }
  }

  /** {@code host:port} for the Host header. */
  public String authority() {
    return server.getHost() + ":" + port();
  }

  /** The path prefix of the server URL (e.g. behind a front proxy), empty for most servers. */
  public String pathPrefix() {
    String path = server.getRawPath();
    return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
  }

  /** The {@code Authorization} value, read now. */
  public Optional<String> authorization() throws IOException {
    if (tokenFile.isPresent()) {
      return Optional.of("Bearer " + Files.readString(tokenFile.get()).strip());
    }
    return token.map(value -> "Bearer " + value);
  }

  /** A new connection, TLS with the server's name checked when {@code https}. */
  public Socket connect() throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(server.getHost(), port()), CONNECT_TIMEOUT_MILLIS);
    plain.setTcpNoDelay(true);
    if (!"https".equals(server.getScheme())) {
      return plain;
    }
    SSLSocket socket = (SSLSocket) tls.getSocketFactory()
        .createSocket(plain, server.getHost(), port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private int port() {
    if (server.getPort() > 0) {
      return server.getPort();
    }
    return "https".equals(server.getScheme()) ? 443 : 80;
  }
}
