package dev.outpost.agent.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.tunnel.ServiceRouter;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.ChunkedInputStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.KubeStreamTarget;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent's Kubernetes path minus WebSocket and TLS: a "proxy" opens a {@code kube?…} stream on
 * the agent's tunnel and writes a request with forged impersonation; a local HTTP server standing
 * in for the API server sees the proxy's word instead, and its streamed answer reaches the proxy
 * piece by piece, before the server has finished.
 */
class KubeThroughTunnelTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void requestsCrossWithTheProxysImpersonationAndAnswersStream() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch firstEventRead = new CountDownLatch(1);
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", exchange -> {
      seen.add(exchange.getRequestURI() + " user=" + exchange.getRequestHeaders().get("Impersonate-User")
          + " groups=" + exchange.getRequestHeaders().get("Impersonate-Group")
          + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write("{\"type\":\"ADDED\"}\n".getBytes(StandardCharsets.UTF_8));
        body.flush();
        firstEventRead.await(10, TimeUnit.SECONDS);
        body.write("{\"type\":\"DELETED\"}\n".getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    api.start();
    KeyPair hostCa = Fixtures.ed25519();
    Instant now = Instant.now();
    CurrentIdentity identity = new CurrentIdentity(
        Fixtures.identity(hostCa, Fixtures.ed25519(), now.minusSeconds(60), now.plus(Duration.ofDays(1))));
    KubeForwarder forwarder = new KubeForwarder("edge", new KubeApiServer(
        URI.create("http://127.0.0.1:" + api.getAddress().getPort()),
        javax.net.ssl.SSLContext.getDefault(), Optional.of("agent-token"), Optional.empty()));
    try {
      InMemoryTransport.Pair wire = InMemoryTransport.pair();
      TunnelConnection proxy = TunnelConnection.accept(wire.left(), TunnelSettings.defaults(),
          (nonce, credential) -> "edge-1", StreamAcceptor.REFUSE_ALL);
      TunnelConnection agent = TunnelConnection.dial(wire.right(), TunnelSettings.defaults(),
          new CertificateProver(identity.get().hostKey(), identity.get().hostCertificate().line()),
          new ServiceRouter(Map.of(KubeStreamTarget.SERVICE, forwarder::accept)));
      agent.awaitHandshake(TIMEOUT);
      proxy.awaitHandshake(TIMEOUT);

      try (TunnelStream stream = proxy.open(
          new KubeStreamTarget("edge", "alice", "alice", List.of("viewers")).encode())) {
        new HttpHead("GET /api/v1/pods?watch=1 HTTP/1.1", List.of(
            new HttpHead.Header("Impersonate-User", "root"),
            new HttpHead.Header("Authorization", "Bearer stolen"))).write(stream.output());
        stream.output().flush();
        InputStream in = new BufferedInputStream(stream.input());
        HttpHead response = HttpHead.read(in);
        assertEquals(200, response.status());
        InputStream body = new ChunkedInputStream(in);
        byte[] first = new byte[64];
        int read = body.read(first);
        assertEquals("{\"type\":\"ADDED\"}\n", new String(first, 0, read, StandardCharsets.UTF_8),
            "the first event arrives while the server still holds the response open");
        firstEventRead.countDown();
        assertEquals("{\"type\":\"DELETED\"}\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertEquals(List.of("/api/v1/pods?watch=1 user=[alice] groups=[viewers] auth=Bearer agent-token"), seen);
      assertTrue(agent.isOpen());
    } finally {
      api.stop(0);
    }
  }
}
