package dev.outpost.web.apps;

import dev.outpost.application.AppService;
import dev.outpost.application.apps.AppCaller;
import dev.outpost.application.apps.AppGrant;
import dev.outpost.application.apps.PublishedApp;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.web.clusters.LeafRelay;
import dev.outpost.web.exchange.OffRequestThread;
import dev.outpost.web.ws.TunnelRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves requests on an app's subdomain: redeems launch codes, checks the app cookie (roles
 * again on every request), sends browsers without one through the console login, and forwards
 * the rest to the app through its node's tunnel. On {@code APP--LEAF.DOMAIN}, an app of a leaf
 * cluster, only the user's locks are checked here and the request goes on to the leaf, which
 * decides, signs the identity assertion and audits ({@link RootAppRequests}).
 */
@ApplicationScoped
public class AppGateway {
  static final String LAUNCH_PATH = "/.outpost/launch";
  private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
  private static final Logger LOG = Logger.getLogger(AppGateway.class.getName());

  @Inject AppCatalog catalog;
  @Inject AppService apps;
  @Inject TunnelRuntime runtime;
  @Inject LeafRelay leaves;

  private volatile Optional<AppHost> host;

  /** How app hosts are named here; empty when no apps domain is configured. */
  public Optional<AppHost> host() {
    if (host == null) {
      host = apps.appsDomain().map(domain -> new AppHost(domain, port(apps.publicAddr())));
    }
    return host;
  }

  /** The app a request is for, by its {@code Host} header. */
  public Optional<String> appOf(HttpServletRequest request) {
    return host().flatMap(h -> h.appOf(request.getHeader("Host")));
  }

  void serve(String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    AppHost names = host().orElseThrow();
    Optional<AppCatalog.Entry> entry = route(name, names);
    if (entry.isEmpty()) {
      plain(response, HttpServletResponse.SC_NOT_FOUND, "app " + name + " is not online");
      return;
    }
    if (LAUNCH_PATH.equals(request.getRequestURI())) {
      redeem(entry.get(), names, request, response);
      return;
    }
    AppCaller caller;
    try {
      caller = caller(request, entry.get());
    } catch (OutpostException e) {
      refuse(e, name, names, request, response);
      return;
    }
    String origin = names.origin(name);
    if (UpstreamHeaders.isWebSocketUpgrade(AppExchange.clientHead(request))) {
      forward(entry.get(), caller, origin, request, response);
    } else {
      OffRequestThread.run(request, runtime.settings().executor(),
          () -> forward(entry.get(), caller, origin, request, response));
    }
  }

  /**
   * The app a host label names: one of this cluster's online apps, or an app of a known leaf
   * (whether it is online there, the leaf says).
   */
  private Optional<AppCatalog.Entry> route(String label, AppHost names) {
    if (AppHost.isAppName(label)) {
      return catalog.find(label);
    }
    return AppHost.leafApp(label).filter(app -> leaves.isLeaf(app.leaf()))
        .map(app -> new AppCatalog.Entry(PublishedApp.ofLeaf(label, app.leaf()),
            URI.create(names.origin(label)), null));
  }

  /** By the app cookie; without one, by a client certificate the TLS handshake accepted. */
  private AppCaller caller(HttpServletRequest request, AppCatalog.Entry entry) {
    Optional<String> token = AppCookie.token(request.getHeader("Cookie"));
    if (token.isEmpty()
        && request.getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain
        && chain.length > 0) {
      return apps.authenticate(chain[0], entry.app());
    }
    return apps.authenticate(token.orElse(null), entry.app());
  }

  private void redeem(AppCatalog.Entry entry, AppHost names, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    String then = LaunchPaths.valid(request.getParameter("path")).orElse("/");
    try {
      AppGrant grant = apps.redeem(request.getParameter("code"), entry.app(),
          request.getRemoteAddr());
      response.addHeader("Set-Cookie", AppCookie.set(grant.token()));
      response.sendRedirect(names.origin(entry.app().name()) + then);
    } catch (OutpostException e) {
      plain(response, HttpServletResponse.SC_UNAUTHORIZED, e.getMessage());
    }
  }

  private void refuse(OutpostException e, String name, AppHost names, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if (e.kind() != OutpostException.Kind.UNAUTHENTICATED) {
      plain(response, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
      return;
    }
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      plain(response, HttpServletResponse.SC_UNAUTHORIZED, "not logged in to app " + name);
      return;
    }
    String path = request.getRequestURI()
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(names.consoleOrigin() + "/launch.html?app=" + name + "&path="
        + URLEncoder.encode(LaunchPaths.valid(path).orElse("/"), StandardCharsets.UTF_8));
  }

  private void forward(AppCatalog.Entry entry, AppCaller caller, String origin,
      HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    AppExchange exchange = new AppExchange(request, response, entry.upstream(), origin);
    boolean inLeaf = entry.app().inLeaf();
    HttpHead head;
    try {
      head = exchange.upstreamHead(AppExchange.clientHead(request), inLeaf ? null
          : apps.identityAssertion(caller, entry.app(), host().orElseThrow().consoleOrigin(), origin));
    } catch (IllegalArgumentException e) {
      plain(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    String app = entry.app().name();
    TunnelStream stream;
    try {
      stream = inLeaf ? leaves.openApp(caller.identity(), entry.app().leaf(),
          AppHost.leafApp(app).orElseThrow().app(), caller.session(), origin,
          request.getRemoteAddr()) : entry.open(caller);
    } catch (OutpostException e) {
      plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
      return;
    } catch (IOException e) {
      plain(response, HttpServletResponse.SC_BAD_GATEWAY, "app " + app + " is not reachable: "
          + e.getMessage());
      return;
    }
    int status = HttpServletResponse.SC_BAD_GATEWAY;
    try {
      status = exchange.run(stream, head);
    } catch (IOException e) {
      stream.reset("request failed");
      LOG.log(Level.FINE, "app " + app + " request failed", e);
      if (!response.isCommitted()) {
        plain(response, HttpServletResponse.SC_BAD_GATEWAY, "app " + app + " did not answer: "
            + e.getMessage());
      }
    } finally {
      apps.requestDone(caller, entry.app(), request.getMethod(), request.getRequestURI(), status);
    }
  }

  private static void plain(HttpServletResponse response, int status, String message)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/plain;charset=UTF-8");
    // The output stream rather than the writer: a failed relay may have taken the stream already.
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static int port(String publicAddr) {
    int colon = publicAddr.lastIndexOf(':');
    if (colon < 0 || publicAddr.endsWith("]")) {
      return 443;
    }
    return Integer.parseInt(publicAddr.substring(colon + 1));
  }
}
