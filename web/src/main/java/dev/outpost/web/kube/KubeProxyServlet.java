package dev.outpost.web.kube;

import dev.outpost.application.KubeService;
import dev.outpost.application.kube.KubeRequest;
import dev.outpost.application.kube.KubeRoute;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.KubeStreamTarget;
import dev.outpost.web.rest.OutpostExceptionMapper;
import dev.outpost.web.exchange.OffRequestThread;
import dev.outpost.web.ws.AgentTunnels;
import dev.outpost.web.ws.TunnelRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /kube/CLUSTER/PATH}: the Kubernetes API of cluster {@code CLUSTER} at {@code PATH}, on
 * the proxy's one public port. Routed by path, not SNI: Payara's listener has one certificate and
 * no per-name routing the application can see, while kubectl keeps a path prefix in its {@code
 * server} URL for every request.
 */
@WebServlet(urlPatterns = KubeProxyServlet.PATTERN, asyncSupported = true)
public class KubeProxyServlet extends HttpServlet {
  static final String PATTERN = "/kube/*";
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(KubeProxyServlet.class.getName());
  private static final Pattern PATH = Pattern.compile("/kube/([^/]+)(/.*)?");
  private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  @Inject transient KubeService kube;
  @Inject transient AgentTunnels tunnels;
  @Inject transient TunnelRuntime runtime;
  private transient KubeSessions sessions;

  @Override
  public void init() {
    sessions = new KubeSessions(kube, Clock.systemUTC());
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher path = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!path.matches()) {
      KubeStatus.send(response, 404, "use /kube/CLUSTER/… as 'outpost kube login' writes it");
      return;
    }
    String cluster = path.group(1);
    String apiPath = path.group(2) == null ? "/" : path.group(2);
    String impersonation = Collections.list(request.getHeaderNames()).stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("impersonate-"))
        .findFirst().orElse(null);
    if (impersonation != null) {
      KubeStatus.send(response, 403, "header " + impersonation + " refused: Outpost impersonates"
          + " the Kubernetes users and groups your roles grant (see 'outpost kube ls'); drop --as/--as-group");
      return;
    }
    KubeRoute route;
    try {
      route = kube.authorize((X509Certificate[]) request.getAttribute(CERTIFICATES), cluster,
          request.getRemoteAddr());
    } catch (OutpostException e) {
      KubeStatus.send(response, OutpostExceptionMapper.status(e.kind()), e.getMessage());
      return;
    }
    KubeRequest described = KubeRequest.of(request.getMethod(), apiPath, request.getQueryString());
    Optional<String> unrecordable = RecordingRequirement.refusal(described,
        KubeExchange.upgrade(request), request.getHeader("Sec-WebSocket-Protocol"),
        route.unrecordedSessions());
    if (unrecordable.isPresent()) {
      KubeStatus.send(response, 403, unrecordable.get());
      kube.requested(route, described, 403, request.getRemoteAddr(), null);
    } else if (KubeExchange.upgrade(request) != null) {
      forward(request, response, route, apiPath, described);
    } else {
      OffRequestThread.run(request, runtime.settings().executor(),
          () -> forward(request, response, route, apiPath, described));
    }
  }

  private void forward(HttpServletRequest request, HttpServletResponse response, KubeRoute route,
      String apiPath, KubeRequest described) throws IOException {
    Tunnel tunnel = tunnels.find(route.node()).orElse(null);
    if (tunnel == null) {
      KubeStatus.send(response, 503, "Kubernetes cluster " + route.kubeCluster()
          + " is offline: node " + route.node() + " is not connected");
      return;
    }
    int status = 502;
    TunnelStream stream = null;
    KubeSessions.Started session = new KubeSessions.Started();
    try {
      stream = tunnel.open(new KubeStreamTarget(route.kubeCluster(), route.user(),
          route.kubeUser(), route.kubeGroups()).encode());
      OutputStream toAgent = new BufferedOutputStream(stream.output(), 16 * 1024);
      KubeExchange.sendRequest(request, apiPath, toAgent);
      InputStream fromAgent = new BufferedInputStream(stream.input(), 16 * 1024);
      status = KubeExchange.relayResponse(stream, fromAgent, request, response,
          accepted -> sessions.recorder(route, described, accepted, request.getRemoteAddr(),
              session));
    } catch (IOException | ServletException e) {
      LOG.info(() -> "kube request of " + route.user() + " to " + route.kubeCluster() + " failed: "
          + e.getMessage());
      KubeStatus.send(response, 502, "Kubernetes cluster " + route.kubeCluster()
          + " did not answer: " + e.getMessage());
    } finally {
      // a switch of protocols leaves the stream to the upgraded connection, which closes it
      boolean switched = status == HttpServletResponse.SC_SWITCHING_PROTOCOLS
          && KubeExchange.upgrade(request) != null;
      if (stream != null && !switched) {
        stream.close();
      }
      kube.requested(route, described, status, request.getRemoteAddr(), session.id());
    }
  }
}
