package dev.outpost.web.kube;

import dev.outpost.tunnel.http.ChunkedInputStream;
import dev.outpost.tunnel.http.ChunkedOutputStream;
import dev.outpost.tunnel.http.HttpHead;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One request and its response over one tunnel stream, as HTTP/1.1. The request goes with its
 * own length (or chunked when it has none); the response comes back as the API server sent it and
 * its body is handed to the client as each piece arrives, flushed, so that watches and log follows
 * stream rather than wait for an end. Hop-by-hop fields stay on their hop.
 */
final class KubeExchange {
  private static final int BUFFER = 16 * 1024;
  /** Fields for one connection only (RFC 9110 7.6.1), and those the agent sets itself. */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive",
      "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "host", "content-length", "authorization");
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private KubeExchange() {}

  /** Writes {@code request} for {@code path} (as the API server sees it) to the stream. */
  static void sendRequest(HttpServletRequest request, String path, OutputStream out)
      throws IOException {
    String query = request.getQueryString();
    List<HttpHead.Header> headers = new ArrayList<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      if (HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) || name.startsWith(":")) {
        continue;
      }
      for (String value : Collections.list(request.getHeaders(name))) {
        headers.add(new HttpHead.Header(name, value));
      }
    }
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && BODY_METHODS.contains(request.getMethod());
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
   * Copies the response from the stream to the client.
   *
   * @return the API server's status code
   */
  static int relayResponse(InputStream in, HttpServletResponse response) throws IOException {
    HttpHead head = HttpHead.read(in);
    int status = head.status();
    response.setStatus(status);
    for (HttpHead.Header field : head.headers()) {
      if (!HOP_BY_HOP.contains(field.name().toLowerCase(java.util.Locale.ROOT))) {
        response.addHeader(field.name(), field.value());
      }
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
