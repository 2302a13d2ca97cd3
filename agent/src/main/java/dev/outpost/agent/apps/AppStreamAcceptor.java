package dev.outpost.agent.apps;

import dev.outpost.tunnel.StreamTarget;
import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.RequestLine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Serves {@code app?name=NAME&user=USER} streams: one HTTP exchange (or, after an upgrade, one
 * WebSocket) with app {@code NAME}'s upstream. The connection goes to the configured host and port
 * whatever the stream carries; the request head is checked and corrected before it leaves:
 * origin-form target only, and {@code Host} set to the upstream's own authority, so that neither
 * the proxy nor a browser can make the upstream act for another host.
 */
public final class AppStreamAcceptor implements StreamAcceptor {
  public static final String SERVICE = "app";
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final Logger LOG = Logger.getLogger(AppStreamAcceptor.class.getName());

  private final Map<String, AppSpec> apps;

  public AppStreamAcceptor(List<AppSpec> apps) {
    this.apps = apps.stream().collect(Collectors.toUnmodifiableMap(AppSpec::name,
        Function.identity()));
  }

  @Override
  public StreamHandler accept(String target) throws StreamRefusedException {
    StreamTarget parsed = StreamTarget.parse(target);
    AppSpec app = apps.get(parsed.field("name"));
    if (app == null) {
      throw new StreamRefusedException("this agent publishes no app '" + parsed.field("name") + "'");
    }
    return stream -> serve(stream, app, parsed.field("user"));
  }

  private void serve(TunnelStream stream, AppSpec app, String user) throws IOException {
    InputStream fromProxy = new BufferedInputStream(stream.input(), 8192);
    HttpHead request = guarded(HttpHead.read(fromProxy), app);
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(app.upstream().getHost(), app.upstream().getPort()),
          CONNECT_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      socket.close();
      LOG.warning(() -> "app " + app.name() + ": upstream " + app.upstream() + " unreachable: "
          + e.getMessage());
      throw new IOException("app " + app.name() + " is not reachable on its device");
    }
    OutputStream toUpstream = socket.getOutputStream();
    request.write(toUpstream);
    LOG.fine(() -> "app " + app.name() + " for " + user + ": " + request.startLine());
    try {
      Splice.start(Splice.Side.of(stream, fromProxy), Splice.Side.of(socket)).join();
    } catch (CompletionException e) {
      LOG.fine(() -> "app " + app.name() + " exchange aborted: " + e.getMessage());
      socket.close();
    }
  }

  /** The head as the upstream may see it; refuses a target that names another host. */
  static HttpHead guarded(HttpHead request, AppSpec app) throws IOException {
    RequestLine line;
    try {
      line = RequestLine.parse(request.startLine());
    } catch (IllegalArgumentException e) {
      throw new IOException("app " + app.name() + ": " + e.getMessage());
    }
    return request.withStartLine(line.toString()).with("Host", app.authority());
  }
}
