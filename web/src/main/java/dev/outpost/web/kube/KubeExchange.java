package dev.outpost.web.kube;

import dev.outpost.application.kube.KubeRoute;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.ChunkedInputStream;
import dev.outpost.tunnel.http.ChunkedOutputStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.KubeStreamTarget;
import dev.outpost.web.upgrade.SplicedUpgrade;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One request and its response over one tunnel stream, as HTTP/1.1. The request goes with its
 * own length (or chunked when it has none); the response comes back as the API server sent it and
 * its body is handed to the client as each piece arrives, flushed, so that watches and log follows
 * stream rather than wait for an end. Hop-by-hop fields stay on their hop, except an upgrade's
 * ({@code kubectl exec}, {@code attach}, {@code port-forward}: WebSocket or SPDY/3.1), which is
 * asked for on the stream and, once the API server switches protocols, spliced with the client's
 * connection.
 */
final class KubeExchange {
  private static final int BUFFER = 16 * 1024;
  /** Fields for one connection only (RFC 9110 7.6.1), and those the agent sets itself. */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive",
      "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "host", "content-length", "authorization");
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private KubeExchange() {}

  /**
   * The refusal for the first {@code Impersonate-*} field among {@code names}, or null: Outpost
   * impersonates whom the roles grant, and a client's {@code --as} would silently act as another.
   */
  static String impersonationRefused(Iterable<String> names) {
    for (String name : names) {
      if (name.toLowerCase(Locale.ROOT).startsWith("impersonate-")) {
        return "header " + name + " refused: Outpost impersonates the Kubernetes users and groups"
            + " your roles grant (see 'outpost kube ls'); drop --as/--as-group";
      }
    }
    return null;
  }

  /** Why {@code route} cannot be followed now: its node's agent is not connected. */
  static String offline(KubeRoute route) {
    return "Kubernetes cluster " + route.kubeCluster() + " is offline: node " + route.node()
        + " is not connected";
  }

  /** Opens the stream for one request on the tunnel of {@code route}'s node. */
  static TunnelStream openAgent(Tunnel tunnel, KubeRoute route) throws IOException {
    return tunnel.open(new KubeStreamTarget(route.kubeCluster(), route.user(), route.kubeUser(),
        route.kubeGroups()).encode());
  }

  /** Writes {@code request} for {@code path} (as the API server sees it) to the stream. */
  static void sendRequest(HttpServletRequest request, String path, OutputStream out)
      throws IOException {
    String query = request.getQueryString();
    List<HttpHead.Header> headers = new ArrayList<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      if (HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith(":")) {
        continue;
      }
      for (String value : Collections.list(request.getHeaders(name))) {
        headers.add(new HttpHead.Header(name, value));
      }
    }
    String upgrade = upgrade(request);
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && upgrade == null && BODY_METHODS.contains(request.getMethod());
    if (upgrade != null) {
      headers.add(new HttpHead.Header("Connection", "Upgrade"));
      headers.add(new HttpHead.Header("Upgrade", upgrade));
    }
    if (length >= 0) {
      headers.add(new HttpHead.Header("Content-Length", Long.toString(length)));
    } else if (chunked) {
      headers.add(new HttpHead.Header("Transfer-Encoding", "chunked"));
    }
    new HttpHead(request.getMethod() + " " + path + (query == null ? "" : "?" + query)
        + " HTTP/1.1", headers).write(out);
    if (length > 0) {
      request.getInputStream().transferTo(out);
    } else if (chunked) {
      ChunkedOutputStream body = new ChunkedOutputStream(out);
      request.getInputStream().transferTo(body);
      body.finish();
    }
    out.flush();
  }

  /**
   * The protocol {@code request} asks to switch to ({@code Connection: Upgrade} with {@code
   * Upgrade}), or null. HTTP/2 has no upgrade; kubectl opens HTTP/1.1 connections for these.
   */
  static String upgrade(HttpServletRequest request) {
    boolean asked = Collections.list(request.getHeaders("Connection")).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .anyMatch(token -> token.strip().equalsIgnoreCase("upgrade"));
    return asked ? request.getHeader("Upgrade") : null;
  }

  /**
   * Copies the response from {@code in} (read from {@code stream}) to the client; a switch of
   * protocols the request asked for leaves the stream open, spliced with the upgraded connection,
   * which the tap {@code observer} returns for the API server's 101 sees pass.
   *
   * @return the API server's status code
   */
  static int relayResponse(TunnelStream stream, InputStream in, HttpServletRequest request,
      HttpServletResponse response, Function<HttpHead, SplicedUpgrade.Tap> observer)
      throws IOException, ServletException {
    HttpHead head = HttpHead.read(in);
    int status = head.status();
    boolean switching = status == HttpServletResponse.SC_SWITCHING_PROTOCOLS
        && upgrade(request) != null;
    if (switching) {
      // upgrade, then status and headers, then flush: see SplicedUpgrade
      SplicedUpgrade upgraded = request.upgrade(SplicedUpgrade.class);
      upgraded.attach(stream, in);
      upgraded.observe(observer.apply(head));
    }
    response.setStatus(status);
    for (HttpHead.Header field : head.headers()) {
      String name = field.name().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name)
          || switching && (name.equals("connection") || name.equals("upgrade"))) {
        response.addHeader(field.name(), field.value());
      }
    }
    if (switching) {
      response.flushBuffer();
      return status;
    }
    boolean chunked = head.header("Transfer-Encoding").filter(value -> value.equalsIgnoreCase("chunked")).isPresent();
    InputStream body = chunked ? new ChunkedInputStream(in) : in;
    head.header("Content-Length").filter(length -> !chunked)
        .ifPresent(length -> response.setContentLengthLong(Long.parseLong(length)));
    OutputStream out = response.getOutputStream();
    byte[] buffer = new byte[BUFFER];
    int read;
    response.flushBuffer();
    while ((read = body.read(buffer)) >= 0) {
      out.write(buffer, 0, read);
      out.flush();
    }
    return status;
  }
}
