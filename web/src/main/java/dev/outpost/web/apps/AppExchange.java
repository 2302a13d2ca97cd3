package dev.outpost.web.apps;

import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.ChunkedInputStream;
import dev.outpost.tunnel.http.ChunkedOutputStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.RequestLine;
import dev.outpost.web.upgrade.SplicedUpgrade;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One request through the app proxy: the browser's request, cleaned, as HTTP/1.1 on a fresh tunnel
 * stream ({@code Connection: close}, one exchange per stream); the app's answer streamed back as
 * it arrives, so server-sent events flow; a WebSocket upgrade the app accepts becomes a byte
 * splice between the upgraded connection and the stream.
 */
final class AppExchange {
  private static final int BUFFER = 16 * 1024;

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final URI upstream;
  private final String publicOrigin;

  AppExchange(HttpServletRequest request, HttpServletResponse response, URI upstream,
      String publicOrigin) {
    this.request = request;
    this.response = response;
    this.upstream = upstream;
    this.publicOrigin = publicOrigin;
  }

  /** The browser's request head as received. */
  static HttpHead clientHead(HttpServletRequest request) {
    String target = request.getRequestURI()
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    List<HttpHead.Header> headers = new ArrayList<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        headers.add(new HttpHead.Header(name, value));
      }
    }
    return new HttpHead(request.getMethod() + " " + target + " HTTP/1.1", headers);
  }

  /**
   * The head the agent receives: origin-form target, the client's end-to-end headers, the
   * proxy's own forwarding headers and identity assertion, and framing for the body.
   *
   * @throws IllegalArgumentException when the target is not a path (absolute-form and the like)
   */
  HttpHead upstreamHead(HttpHead client, String identityAssertion) {
    RequestLine line = RequestLine.parse(client.startLine());
    boolean upgrade = UpstreamHeaders.isWebSocketUpgrade(client);
    List<HttpHead.Header> headers = new ArrayList<>(client.headers().stream()
        .filter(h -> UpstreamHeaders.forwardsRequestHeader(h.name())).toList());
    headers.add(new HttpHead.Header("Host", upstream.getRawAuthority()));
    AppCookie.withoutOurs(String.join("; ", client.headers().stream()
        .filter(h -> h.is("Cookie")).map(HttpHead.Header::value).toList()))
        .ifPresent(cookies -> headers.add(new HttpHead.Header("Cookie", cookies)));
    headers.add(new HttpHead.Header("X-Forwarded-Host", publicOrigin.substring("https://".length())));
    headers.add(new HttpHead.Header("X-Forwarded-Proto", "https"));
    headers.add(new HttpHead.Header("X-Forwarded-For", request.getRemoteAddr()));
    if (identityAssertion != null) {
      headers.add(new HttpHead.Header(UpstreamHeaders.IDENTITY_HEADER, identityAssertion));
    }
    if (upgrade) {
      headers.add(new HttpHead.Header("Connection", "Upgrade"));
      headers.add(new HttpHead.Header("Upgrade", "websocket"));
    } else {
      headers.add(new HttpHead.Header("Connection", "close"));
      bodyFraming(client).ifPresent(headers::add);
    }
    return new HttpHead(line.toString(), headers);
  }

  /**
   * Sends the request on {@code stream} and relays the answer.
   *
   * @return the app's status code
   */
  int run(TunnelStream stream, HttpHead head) throws IOException, ServletException {
    OutputStream toApp = stream.output();
    head.write(toApp);
    sendBody(head, toApp);
    toApp.flush();
    InputStream fromApp = new BufferedInputStream(stream.input(), BUFFER);
    HttpHead answer = HttpHead.read(fromApp);
    int status = status(answer.startLine());
    if (status == HttpServletResponse.SC_SWITCHING_PROTOCOLS
        && UpstreamHeaders.isWebSocketUpgrade(head)) {
      // upgrade, then status and headers, then flush: see SplicedUpgrade
      request.upgrade(SplicedUpgrade.class).attach(stream, fromApp);
      response.setStatus(status);
      returnHeaders(answer, true);
      response.flushBuffer();
      return status;
    }
    response.setStatus(status);
    returnHeaders(answer, false);
    if (hasBody(status)) {
      relayBody(answer, fromApp);
    }
    stream.close();
    return status;
  }

  private Optional<HttpHead.Header> bodyFraming(HttpHead client) {
    if (client.lists("Transfer-Encoding", "chunked")) {
      return Optional.of(new HttpHead.Header("Transfer-Encoding", "chunked"));
    }
    return client.header("Content-Length").map(length -> new HttpHead.Header("Content-Length",
        Long.toString(Long.parseLong(length))));
  }

  private void sendBody(HttpHead head, OutputStream toApp) throws IOException {
    if (head.lists("Transfer-Encoding", "chunked")) {
      ChunkedOutputStream chunked = new ChunkedOutputStream(toApp);
      request.getInputStream().transferTo(chunked);
      chunked.finish();
    } else if (head.header("Content-Length").isPresent()) {
      request.getInputStream().transferTo(toApp);
    }
  }

  private void returnHeaders(HttpHead answer, boolean upgrade) {
    for (HttpHead.Header header : answer.headers()) {
      String name = header.name();
      if (upgrade && (header.is("Upgrade") || header.is("Connection"))) {
        response.addHeader(name, header.value());
      } else if (header.is("Location")) {
        response.addHeader(name, UpstreamHeaders.location(header.value(), upstream, publicOrigin));
      } else if (header.is("Set-Cookie")) {
        UpstreamHeaders.setCookie(header.value()).ifPresent(v -> response.addHeader(name, v));
      } else if (header.is("Content-Length")) {
        response.setContentLengthLong(Long.parseLong(header.value()));
      } else if (UpstreamHeaders.returnsResponseHeader(name)) {
        response.addHeader(name, header.value());
      }
    }
  }

  private boolean hasBody(int status) {
    return !"HEAD".equals(request.getMethod()) && status >= 200 && status != 204 && status != 304;
  }

  /** Copies the body as it comes, flushing whenever the app pauses (server-sent events). */
  private void relayBody(HttpHead answer, InputStream fromApp) throws IOException {
    InputStream body;
    long limit = Long.MAX_VALUE;
    if (answer.lists("Transfer-Encoding", "chunked")) {
      body = new ChunkedInputStream(fromApp);
    } else {
      body = fromApp;
      Optional<String> length = answer.header("Content-Length");
      if (length.isPresent()) {
        limit = Long.parseLong(length.get());
      }
    }
    OutputStream toBrowser = response.getOutputStream();
    byte[] buffer = new byte[BUFFER];
    while (limit > 0) {
      int n = body.read(buffer, 0, (int) Math.min(buffer.length, limit));
      if (n < 0) {
        break;
      }
      toBrowser.write(buffer, 0, n);
      limit -= n;
      if (body.available() == 0) {
        toBrowser.flush();
      }
    }
    toBrowser.flush();
  }

  private static int status(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ", 3);
    try {
      int status = Integer.parseInt(parts[1]);
      if (parts[0].startsWith("HTTP/1.") && status >= 100 && status <= 599) {
        return status;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw new IOException("the app answered with a malformed status line");
  }
}
