package dev.outpost.it.apps;

import dev.outpost.it.TestCluster;
import dev.outpost.tunnel.http.ChunkedInputStream;
import dev.outpost.tunnel.http.HttpHead;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS as written by hand: the test decides every byte of the request (request line, Host, any
 * header), while TLS is real: the connection goes to the proxy on loopback with the app's host
 * name as SNI, and the proxy's certificate must be the cluster CA's and name that host.
 */
public final class RawHttps implements AutoCloseable {
  private final SSLSocket socket;
  final InputStream in;
  final OutputStream out;

  /** A response: status, head, body as text. */
  public record Response(int status, HttpHead head, String body) {
    public Optional<String> header(String name) {
      return head.header(name);
    }

    List<String> headers(String name) {
      return head.headers().stream().filter(h -> h.is(name)).map(HttpHead.Header::value).toList();
    }
  }

  private RawHttps(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to the proxy presenting {@code serverName}; checks the certificate names it. */
  static RawHttps connect(Path clusterCa, String serverName) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream pem = Files.newInputStream(clusterCa)) {
        trust.setCertificateEntry("cluster", CertificateFactory.getInstance("X.509")
            .generateCertificate(pem));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trustManagers.getTrustManagers(), null);
      Socket tcp = new Socket();
      tcp.connect(new InetSocketAddress("127.0.0.1", TestCluster.HTTPS_PORT), 10_000);
      tcp.setSoTimeout(30_000);
      SSLSocket socket = (SSLSocket) tls.getSocketFactory()
          .createSocket(tcp, serverName, TestCluster.HTTPS_PORT, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setServerNames(List.of(new SNIHostName(serverName)));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return new RawHttps(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One exchange on a fresh connection: {@code head} (without the final empty line) and body. */
  static Response exchange(Path clusterCa, String serverName, String head, String body) {
    try (RawHttps connection = connect(clusterCa, serverName)) {
      connection.send(head, body);
      return connection.response();
    }
  }

  void send(String head, String body) {
    try {
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the response head only; the body stays in {@link #in}. */
  HttpHead head() {
    try {
      return HttpHead.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response response() {
    HttpHead head = head();
    int status = Integer.parseInt(head.startLine().split(" ")[1]);
    try {
      InputStream body = head.lists("Transfer-Encoding", "chunked") ? new ChunkedInputStream(in) : in;
      Optional<String> length = head.header("Content-Length");
      byte[] bytes = length.isPresent() ? body.readNBytes(Integer.parseInt(length.get()))
          : body.readAllBytes();
      return new Response(status, head, new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // the test has what it needed
    }
  }
}
