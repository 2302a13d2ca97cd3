package dev.outpost.web.kube;

import dev.outpost.application.KubeService;
import dev.outpost.application.kube.KubeRequest;
import dev.outpost.application.kube.KubeRoute;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.web.clusters.LeafRelay;
import dev.outpost.web.rest.OutpostExceptionMapper;
import dev.outpost.web.exchange.OffRequestThread;
import dev.outpost.web.upgrade.SplicedUpgrade;
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
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /kube/CLUSTER/PATH}: the Kubernetes API of cluster {@code CLUSTER} at {@code PATH}, on
 * the proxy's one public port. Routed by path, not SNI: Payara's listener has one certificate and
 * no per-name routing the application can see, while kubectl keeps a path prefix in its {@code
 * server} URL for every request. {@code /kube/KUBE.LEAF/PATH} is cluster {@code KUBE} of leaf
 * cluster {@code LEAF} (Kubernetes cluster names have no dots): forwarded to the leaf, which
 * decides and audits, while this cluster audits only the crossing.
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
  @Inject transient LeafRelay leaves;
  @Inject transient TunnelRuntime runtime;
  private transient KubeSessions sessions;

  @Override
  public void init() {
    sessions = new KubeSessions(kube, Clock.systemUTC());
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Matcher path = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!path.matches()) {
      KubeStatus.send(response, 404, "use /kube/CLUSTER/… as 'outpost kube login' writes it");
      return;
    }
    String cluster = path.group(1);
    String apiPath = path.group(2) == null ? "/" : path.group(2);
    String impersonation = KubeExchange.impersonationRefused(Collections.list(request.getHeaderNames()));
    if (impersonation != null) {
      KubeStatus.send(response, 403, impersonation);
      return;
    }
    X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES);
    int dot = cluster.indexOf('.');
    OffRequestThread.Exchange exchange;
    try {
      if (dot > 0 && leaves.isLeaf(cluster.substring(dot + 1))) {
        // KUBE.LEAF: a leaf's cluster, which the leaf decides about and audits
        UserIdentity user = kube.crossing(chain, "kube:" + cluster, request.getRemoteAddr());
        exchange = () -> forwardToLeaf(request, response, user, cluster.substring(0, dot),
            cluster.substring(dot + 1), apiPath);
      } else {
        KubeRoute route = kube.authorize(chain, cluster, request.getRemoteAddr());
        exchange = () -> forward(request, response, route, apiPath);
      }
    } catch (OutpostException e) {
      KubeStatus.send(response, OutpostExceptionMapper.status(e.kind()), e.getMessage());
      return;
    }
    if (KubeExchange.upgrade(request) != null) {
      exchange.run();
    } else {
      OffRequestThread.run(request, runtime.settings().executor(), exchange);
    }
  }

  private void forward(HttpServletRequest request, HttpServletResponse response, KubeRoute route,
      String apiPath) throws IOException {
    KubeRequest described = KubeRequest.of(request.getMethod(), apiPath, request.getQueryString());
    Optional<String> unrecordable = RecordingRequirement.refusal(described,
        KubeExchange.upgrade(request), request.getHeader("Sec-WebSocket-Protocol"),
        route.unrecordedSessions());
    if (unrecordable.isPresent()) {
      KubeStatus.send(response, 403, unrecordable.get());
      kube.refused(route, described, 403, unrecordable.get(), request.getRemoteAddr());
      return;
    }
    Tunnel tunnel = tunnels.find(route.node()).orElse(null);
    if (tunnel == null) {
      KubeStatus.send(response, 503, KubeExchange.offline(route));
      return;
    }
    KubeSessions.Started session = new KubeSessions.Started();
    int status = 502;
    try {
      status = exchange(request, response, apiPath, route.kubeCluster(),
          () -> KubeExchange.openAgent(tunnel, route),
          accepted -> sessions.recorder(route, described, accepted, request.getRemoteAddr(),
              session));
    } finally {
      kube.requested(route, described, status, request.getRemoteAddr(), session.id());
    }
  }

  /** The leaf decides, forwards and audits; this cluster audits only the crossing. */
  private void forwardToLeaf(HttpServletRequest request, HttpServletResponse response,
      UserIdentity user, String kubeCluster, String leaf, String apiPath) throws IOException {
    exchange(request, response, apiPath, kubeCluster + "." + leaf,
        () -> leaves.openKube(user, leaf, kubeCluster, request.getRemoteAddr()),
        accepted -> SplicedUpgrade.Tap.NONE);
  }

  /** Opens the stream one request travels on. */
  @FunctionalInterface
  private interface StreamOpener {
    TunnelStream open() throws IOException;
  }

  /**
   * Sends the request on the stream {@code opener} gives and relays the answer, or a Status when
   * that fails; a switch of protocols leaves the stream to the upgraded connection.
   *
   * @return the status the client got
   */
  private static int exchange(HttpServletRequest request, HttpServletResponse response,
      String apiPath, String cluster, StreamOpener opener,
      Function<HttpHead, SplicedUpgrade.Tap> observer) throws IOException {
    int status = 502;
    TunnelStream stream = null;
    try {
      stream = opener.open();
      OutputStream toAgent = new BufferedOutputStream(stream.output(), 16 * 1024);
      KubeExchange.sendRequest(request, apiPath, toAgent);
      InputStream fromAgent = new BufferedInputStream(stream.input(), 16 * 1024);
      status = KubeExchange.relayResponse(stream, fromAgent, request, response, observer);
    } catch (OutpostException e) {
      status = OutpostExceptionMapper.status(e.kind());
      KubeStatus.send(response, status, e.getMessage());
    } catch (IOException | ServletException e) {
      LOG.info(() -> "kube request to " + cluster + " failed: " + e.getMessage());
      KubeStatus.send(response, 502, "Kubernetes cluster " + cluster + " did not answer: "
          + e.getMessage());
    } finally {
      // a switch of protocols leaves the stream to the upgraded connection, which closes it
      boolean switched = status == HttpServletResponse.SC_SWITCHING_PROTOCOLS
          && KubeExchange.upgrade(request) != null;
      if (stream != null && !switched) {
        stream.close();
      }
    }
    return status;
  }
}
