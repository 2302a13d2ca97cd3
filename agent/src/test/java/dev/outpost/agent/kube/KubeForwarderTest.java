package dev.outpost.agent.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.KubeStreamTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeForwarderTest {
  private static final KubeStreamTarget ALICE =
      new KubeStreamTarget("edge", "alice", "alice", List.of("viewers", "ops"));

  @Test
  void theProxysWordDecidesWhomTheRequestImpersonates() throws Exception {
    KubeForwarder forwarder = new KubeForwarder("edge", server(URI.create("https://10.0.0.1:6443/prefix/"),
        Optional.of("agent-token"), Optional.empty()));
    HttpHead head = read("GET /api/v1/pods?watch=1 HTTP/1.1\r\nHost: proxy\r\nAccept: application/json\r\n"
        + "Authorization: Bearer client\r\nImpersonate-User: root\r\nimpersonate-group: system:masters\r\n"
        + "Connection: keep-alive\r\n\r\n");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    forwarder.rewrite(head, ALICE).write(out);

    assertEquals("GET /prefix/api/v1/pods?watch=1 HTTP/1.1\r\nAccept: application/json\r\n"
        + "Host: 10.0.0.1:6443\r\nAuthorization: Bearer agent-token\r\nImpersonate-User: alice\r\n"
        + "Impersonate-Group: viewers\r\nImpersonate-Group: ops\r\nConnection: close\r\n\r\n",
        out.toString(StandardCharsets.ISO_8859_1));
  }

  @Test
  void upgradesKeepTheirConnectionAndTokensAreReadFromTheirFileEachTime(@TempDir Path dir)
      throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "rotated-1\n");
    KubeForwarder forwarder = new KubeForwarder("edge",
        server(URI.create("https://api:443"), Optional.empty(), Optional.of(token)));
    HttpHead head = read("POST /api/v1/namespaces/d/pods/p/exec HTTP/1.1\r\nUpgrade: SPDY/3.1\r\n\r\n");

    HttpHead rewritten = forwarder.rewrite(head, ALICE);
    assertEquals("Upgrade", rewritten.header("Connection").orElseThrow());
    assertEquals("Bearer rotated-1", rewritten.header("Authorization").orElseThrow());
    Files.writeString(token, "rotated-2");
    assertEquals("Bearer rotated-2", forwarder.rewrite(head, ALICE).header("Authorization").orElseThrow());
  }

  @Test
  void refusesStreamsForAnotherClusterOrMalformedRequests() throws Exception {
    KubeForwarder forwarder = new KubeForwarder("edge",
        server(URI.create("http://127.0.0.1:8080"), Optional.empty(), Optional.empty()));
    StreamRefusedException refused = assertThrows(StreamRefusedException.class, () -> forwarder.accept(
        new KubeStreamTarget("other", "alice", "alice", List.of()).encode()));
    assertTrue(refused.getMessage().contains("serves Kubernetes cluster edge, not other"));
    assertThrows(IOException.class, () -> forwarder.rewrite(read("GET http://evil/ HTTP/1.1\r\n\r\n"), ALICE));
  }

  private static KubeApiServer server(URI uri, Optional<String> token, Optional<Path> tokenFile)
      throws Exception {
    return new KubeApiServer(uri, javax.net.ssl.SSLContext.getDefault(), token, tokenFile);
  }

  private static HttpHead read(String text) throws IOException {
    return HttpHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
  }
}
