package dev.outpost.web.kube;

import dev.outpost.application.KubeService;
import dev.outpost.application.kube.KubeRequest;
import dev.outpost.application.kube.KubeRoute;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.web.rest.OutpostExceptionMapper;
import dev.outpost.web.upgrade.SplicedUpgrade;
import dev.outpost.web.ws.AgentTunnels;
import dev.outpost.web.ws.TunnelRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On a leaf: Kubernetes API requests that the root relays for its users, one per stream of the
 * root's tunnel, as HTTP/1.1 after the user's certificate. Each is decided, forwarded and audited
 * here exactly like a local user's request through {@link KubeProxyServlet}: the same rules
 * ({@code KubeService}), the same stream to the agent, a {@code kube.request} event, an exec or attach
 * recorded as a session; refusals are {@code Status} objects that the root passes to kubectl.
 *
 * <pre>
 * kubectl ─▶ root KubeProxyServlet ══ kube?cluster=…&amp;client=… (certificate, request) ══▶ here
 *              (cluster.cross)                                                           │ role map,
 *                                                                                        │ kube rules
 *            ◀══════════════════════ response (or Status) ═══════ agent ◀══ kube?cluster=…&amp;user=… ┘
 * </pre>
 */
@ApplicationScoped
public class RootKubeRequests {
  private static final Logger LOG = Logger.getLogger(RootKubeRequests.class.getName());
  private static final int BUFFER = 16 * 1024;

  @Inject KubeService kube;
  @Inject AgentTunnels tunnels;
  @Inject TunnelRuntime runtime;
  private KubeSessions sessions;

  /**
   * Made at deployment, on a container thread: only the root's streams use this bean, and the
   * tunnel's own threads that serve them carry no Jakarta EE context to make it in.
   */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    LOG.fine(() -> "ready for the root's streams");
  }

  @PostConstruct
  void init() {
    sessions = new KubeSessions(kube, Clock.systemUTC());
  }

  /**
   * Serves one request for {@code kubeCluster} from the root's stream, whose certificate line
   * was read; {@code user} maps it to this cluster's roles (or refuses). {@code client} is the
   * user's address as the root saw it.
   */
  public void serve(TunnelStream fromRoot, String kubeCluster, String client,
      Supplier<UserIdentity> user) throws IOException {
    InputStream in = new BufferedInputStream(fromRoot.input(), BUFFER);
    OutputStream out = fromRoot.output();
    HttpHead request = HttpHead.read(in);
    String[] start = request.startLine().split(" ");
    if (start.length != 3 || !start[1].startsWith("/")) {
      KubeStatus.write(out, 400, "malformed request line");
      return;
    }
    String refused = KubeExchange.impersonationRefused(
        request.headers().stream().map(HttpHead.Header::name).toList());
    if (refused != null) {
      KubeStatus.write(out, 403, refused);
      return;
    }
    KubeRoute route;
    try {
      route = kube.authorizeRemote(user.get(), kubeCluster, client);
    } catch (OutpostException e) {
      KubeStatus.write(out, OutpostExceptionMapper.status(e.kind()), e.getMessage());
      return;
    }
    Tunnel tunnel = tunnels.find(route.node()).orElse(null);
    if (tunnel == null) {
      KubeStatus.write(out, 503, KubeExchange.offline(route));
      return;
    }
    int query = start[1].indexOf('?');
    KubeRequest described = KubeRequest.of(start[0],
        query < 0 ? start[1] : start[1].substring(0, query),
        query < 0 ? null : start[1].substring(query + 1));
    Optional<String> unrecordable = RecordingRequirement.refusal(described,
        request.header("Upgrade").orElse(null), request.header("Sec-WebSocket-Protocol").orElse(null),
        route.unrecordedSessions());
    if (unrecordable.isPresent()) {
      KubeStatus.write(out, 403, unrecordable.get());
      kube.refused(route, described, 403, unrecordable.get(), client);
      return;
    }
    new Forwarding(route, described, client, out).run(tunnel, request, in);
  }

  /** One request on its way to the agent and its answer on the way back. */
  private final class Forwarding {
    private final KubeRoute route;
    private final KubeRequest described;
    private final String client;
    private final OutputStream toRoot;
    private final KubeSessions.Started session = new KubeSessions.Started();
    private final AtomicReference<SplicedUpgrade.Tap> tap =
        new AtomicReference<>(SplicedUpgrade.Tap.NONE);
    private int status = 502;
    private boolean answered;
    private boolean audited;

    Forwarding(KubeRoute route, KubeRequest described, String client, OutputStream toRoot) {
      this.route = route;
      this.described = described;
      this.client = client;
      this.toRoot = toRoot;
    }

    void run(Tunnel tunnel, HttpHead request, InputStream fromRoot) throws IOException {
      String why = "the API server ended the connection";
      try (TunnelStream agent = KubeExchange.openAgent(tunnel, route)) {
        request.write(agent.output());
        agent.output().flush();
        runtime.settings().executor().execute(() -> upload(fromRoot, agent));
        InputStream fromAgent = new BufferedInputStream(agent.input(), BUFFER);
        HttpHead answer = HttpHead.read(fromAgent);
        status = answer.status();
        if (status == 101) {
          tap.set(sessions.recorder(route, described, answer, client, session));
          audit();
        }
        answer.write(toRoot);
        toRoot.flush();
        answered = true;
        byte[] buffer = new byte[BUFFER];
        for (int n = fromAgent.read(buffer); n >= 0; n = fromAgent.read(buffer)) {
          tapped(buffer, n, false);
          toRoot.write(buffer, 0, n);
          toRoot.flush();
        }
      } catch (IOException e) {
        why = "the connection failed: " + e.getMessage();
        LOG.info(() -> "kube request of " + route.user() + " to " + route.kubeCluster()
            + " failed: " + e.getMessage());
        if (!answered) {
          status = 502;
          KubeStatus.write(toRoot, 502, "Kubernetes cluster " + route.kubeCluster()
              + " did not answer: " + e.getMessage());
        }
      } finally {
        endTap(why);
        audit();
      }
    }

    /** The rest of the request: its body, or what the client sends after an upgrade. */
    private void upload(InputStream fromRoot, TunnelStream agent) {
      try {
        byte[] buffer = new byte[BUFFER];
        for (int n = fromRoot.read(buffer); n >= 0; n = fromRoot.read(buffer)) {
          tapped(buffer, n, true);
          agent.output().write(buffer, 0, n);
          agent.output().flush();
        }
        agent.output().close();
      } catch (IOException e) {
        LOG.fine(() -> "request of " + route.user() + " ended early: " + e.getMessage());
      }
    }

    /** Shows the bytes to the exec's recorder, which is dropped if it fails. */
    private void tapped(byte[] buffer, int n, boolean fromClient) {
      SplicedUpgrade.Tap current = tap.get();
      try {
        if (fromClient) {
          current.clientToFar(buffer, 0, n);
        } else {
          current.farToClient(buffer, 0, n);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the recorder of a kube exec failed; the exec goes on", e);
        tap.set(SplicedUpgrade.Tap.NONE);
      }
    }

    private void endTap(String why) {
      try {
        tap.getAndSet(SplicedUpgrade.Tap.NONE).ended(why);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the recorder of a kube exec failed at its end", e);
      }
    }

    /** One {@code kube.request}: when the API server switched protocols, or at the end. */
    private synchronized void audit() {
      if (!audited) {
        audited = true;
        kube.requested(route, described, status, client, session.id());
      }
    }
  }
}
