package dev.outpost.tunnel.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as the dialer sets it up, against a TLS server on loopback whose certificate (made by the
 * JDK's keytool) names {@code localhost} only.
 */
@Timeout(30)
class ClientSocketTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final char[] PASSWORD = "changeit".toCharArray();

  private static KeyStore serverKeys;
  private static SSLContext trustingTheServer;
  private static X509TrustManager pkix;

  @BeforeAll
  static void makeCertificate(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), output);
    serverKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      serverKeys.load(in, PASSWORD);
    }
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("server", serverKeys.getCertificate("server"));
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(anchors);
    pkix = (X509TrustManager) trust.getTrustManagers()[0];
    trustingTheServer = SSLContext.getInstance("TLS");
    trustingTheServer.init(null, trust.getTrustManagers(), null);
  }

  @Test
  void verifiesTheHostNameAndSendsItAsSni() throws Exception {
    try (TlsServer server = new TlsServer()) {
      try (ClientSocket socket = ClientSocket.open(server.uri("localhost"), trustingTheServer, TIMEOUT)) {
        assertTrue(socket.tlsSession().isPresent());
        assertTrue(socket.stream().getTcpNoDelay(), "keystrokes must not wait for Nagle");
        List<SNIServerName> names = server.requestedNames.get(5, TimeUnit.SECONDS);
        assertEquals("localhost", new String(names.get(0).getEncoded()));
      }
    }
  }

  @Test
  void refusesAServerWhoseCertificateNamesAnotherHost() throws Exception {
    try (TlsServer server = new TlsServer()) {
      IOException refused = assertThrows(IOException.class,
          () -> ClientSocket.open(server.uri("127.0.0.1"), trustingTheServer, TIMEOUT));
      assertInstanceOf(SSLHandshakeException.class, refused);
      assertTrue(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
    }
  }

  @Test
  void aTrustManagerThatChecksNamesItselfDecides() throws Exception {
    SSLContext chainOnly = SSLContext.getInstance("TLS");
    chainOnly.init(null, new X509ExtendedTrustManager[] {new ChainOnly(pkix)}, null);
    try (TlsServer server = new TlsServer();
        ClientSocket socket = ClientSocket.open(server.uri("127.0.0.1"), chainOnly, TIMEOUT)) {
      assertTrue(socket.tlsSession().isPresent());
      assertTrue(server.requestedNames.get(5, TimeUnit.SECONDS).isEmpty(), "no SNI for an address");
    }
  }

  /** Accepts one TLS connection and records the server names the client asked for. */
  private static final class TlsServer implements AutoCloseable {
    final SSLServerSocket server;
    final CompletableFuture<List<SNIServerName>> requestedNames = new CompletableFuture<>();

    TlsServer() throws Exception {
      KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
      keys.init(serverKeys, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      server = (SSLServerSocket) context.getServerSocketFactory()
          .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
      CompletableFuture.runAsync(() -> {
        try {
          Socket accepted = server.accept();
          ((SSLSocket) accepted).startHandshake();
          requestedNames.complete(
              ((ExtendedSSLSession) ((SSLSocket) accepted).getSession()).getRequestedServerNames());
        } catch (IOException e) {
          requestedNames.completeExceptionally(e);
        }
      });
    }

    URI uri(String host) {
      return URI.create("wss://" + host + ":" + server.getLocalPort() + "/t");
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Checks the chain and leaves the name alone, as a trust manager of its own may decide. */
  private static final class ChainOnly extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;

    ChainOnly(X509TrustManager pkix) {
      this.pkix = pkix;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("sockets only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("sockets only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }
}
