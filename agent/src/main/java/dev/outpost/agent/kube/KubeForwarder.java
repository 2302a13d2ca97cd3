package dev.outpost.agent.kube;

import dev.outpost.tunnel.NamedDaemonThreads;
import dev.outpost.tunnel.StreamAcceptor.StreamHandler;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.KubeStreamTarget;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Serves {@code kube} streams: one API request each. The request head is rewritten before it
 * leaves the agent: whatever credentials or impersonation the request carried are dropped, the
 * agent's own credential is added, and {@code Impersonate-User}/{@code Impersonate-Group} say whom
 * the proxy authorised, so the API server's RBAC applies to that user. The body and the response
 * then pass as bytes, in both directions at once, so watches and log follows stream.
 */
public final class KubeForwarder {
  private static final Logger LOG = Logger.getLogger(KubeForwarder.class.getName());
  private static final int BUFFER = 16 * 1024;
  private static final ExecutorService UPLOADS =
      Executors.newCachedThreadPool(new NamedDaemonThreads("kube-request"));

  private final String cluster;
  private final KubeApiServer server;

  public KubeForwarder(String cluster, KubeApiServer server) {
    this.cluster = cluster;
    this.server = server;
  }

  public String cluster() {
    return cluster;
  }

  /** Decides about a stream on the tunnel's reader: only parses and checks the target. */
  public StreamHandler accept(String target) throws StreamRefusedException {
    KubeStreamTarget kube;
    try {
      kube = KubeStreamTarget.parse(target);
    } catch (IllegalArgumentException e) {
      throw new StreamRefusedException(e.getMessage());
    }
    if (!cluster.equals(kube.cluster())) {
      throw new StreamRefusedException("this agent serves Kubernetes cluster " + cluster
          + ", not " + kube.cluster());
    }
    return stream -> serve(stream, kube);
  }

  private void serve(TunnelStream stream, KubeStreamTarget target) throws IOException {
    InputStream fromProxy = new BufferedInputStream(stream.input(), BUFFER);
    HttpHead request = rewrite(HttpHead.read(fromProxy), target);
    try (Socket api = server.connect()) {
      OutputStream toApi = api.getOutputStream();
      request.write(toApi);
      toApi.flush();
      UPLOADS.execute(() -> copyRequestBody(fromProxy, toApi, target));
      OutputStream toProxy = stream.output();
      InputStream fromApi = api.getInputStream();
      byte[] buffer = new byte[BUFFER];
      int read;
      while ((read = fromApi.read(buffer)) >= 0) {
        toProxy.write(buffer, 0, read);
        toProxy.flush();
      }
    }
  }

  /**
   * The rest of the request (its body, or what the client sends after an upgrade). The end of the
   * proxy's side is not passed on as a half-close: TLS 1.2 sockets cannot half-close, and the
   * request's own framing tells the API server where it ends.
   */
  private static void copyRequestBody(InputStream fromProxy, OutputStream toApi,
      KubeStreamTarget target) {
    try {
      byte[] buffer = new byte[BUFFER];
      int read;
      while ((read = fromProxy.read(buffer)) >= 0) {
        toApi.write(buffer, 0, read);
        toApi.flush();
      }
    } catch (IOException e) {
      LOG.fine(() -> "request of " + target.requester() + " ended early: " + e.getMessage());
    }
  }

  HttpHead rewrite(HttpHead head, KubeStreamTarget target) throws IOException {
    String[] start = head.startLine().split(" ");
    if (start.length != 3 || !start[1].startsWith("/") || !start[2].equals("HTTP/1.1")) {
      throw new IOException("malformed request line '" + head.startLine() + "'");
    }
    HttpHead rewritten = head
        .withStartLine(start[0] + " " + server.pathPrefix() + start[1] + " HTTP/1.1")
        .without(name -> name.equals("authorization") || name.startsWith("impersonate-")
            || name.equals("host") || name.equals("connection") || name.equals("keep-alive")
            || name.equals("proxy-connection"))
        .with("Host", server.authority());
    String authorization = server.authorization().orElse(null);
    if (authorization != null) {
      rewritten = rewritten.with("Authorization", authorization);
    }
    rewritten = rewritten.with("Impersonate-User", target.user());
    for (String group : target.groups()) {
      rewritten = rewritten.plus(new HttpHead.Header("Impersonate-Group", group));
    }
    boolean upgrade = head.header("Upgrade").isPresent();
    return rewritten.with("Connection", upgrade ? "Upgrade" : "close");
  }

  @Override
  public String toString() {
    return "Kubernetes cluster " + cluster + " at " + server.server().toString().toLowerCase(Locale.ROOT);
  }
}
