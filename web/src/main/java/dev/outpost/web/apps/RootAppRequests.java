package dev.outpost.web.apps;

import dev.outpost.api.AppView;
import dev.outpost.application.AppService;
import dev.outpost.application.apps.AppCaller;
import dev.outpost.application.apps.PublishedApp;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.tunnel.TunnelStream;
import dev.outpost.tunnel.http.HttpHead;
import dev.outpost.tunnel.http.RequestLine;
import dev.outpost.web.rest.OutpostExceptionMapper;
import dev.outpost.web.ws.TunnelRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * On a leaf: the web apps of this cluster as its root's users use them. The root lists them,
 * starts app sessions and relays each request on a stream of the leaf's tunnel, as HTTP/1.1
 * after the user's certificate, cleaned by the root's own app proxy. This cluster owns the apps:
 * it decides by the roles its role map gives ({@code app_labels}, locks), signs the identity
 * assertion with its own key and audits {@code app.session.start} and {@code app.request}.
 *
 * <pre>
 * browser ─▶ root AppGateway (APP--LEAF.DOMAIN) ══ app?name=…&amp;session=…&amp;origin=… ══▶ here ──▶ agent
 *             cookie or certificate, root locks;      certificate, cleaned request     roles, Host,
 *             cluster.cross                                                            assertion
 * </pre>
 */
@ApplicationScoped
public class RootAppRequests {
  private static final Logger LOG = Logger.getLogger(RootAppRequests.class.getName());
  private static final int BUFFER = 16 * 1024;
  private static final Pattern ORIGIN = Pattern.compile("https://[a-z0-9.-]+(:[0-9]{1,5})?");

  @Inject AppCatalog catalog;
  @Inject AppService apps;
  @Inject AppGateway gateway;
  @Inject TunnelRuntime runtime;

  /**
   * Made at deployment, on a container thread: only the root's streams use this bean, and the
   * tunnel's own threads that serve them carry no Jakarta EE context to make it in.
   */
  void eager(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    LOG.fine(() -> "ready for the root's streams");
  }

  /** The online apps the root user may open here, without URLs: the root names their hosts. */
  public List<AppView> visibleTo(UserIdentity user) {
    return apps.visible(user, catalog.all()).stream().map(RootAppRequests::view).toList();
  }

  /**
   * An app session that the root user starts at the root; decided and audited here.
   *
   * @throws OutpostException NOT_FOUND for an app that is not online, FORBIDDEN when the roles
   *     refuse it
   */
  public AppView startSession(UserIdentity user, String name, UUID session, String client) {
    PublishedApp app = catalog.find(name).map(AppCatalog.Entry::app)
        .orElseThrow(() -> OutpostException.notFound("app " + name + " is not online"));
    apps.startRemote(user, app, session, client);
    return view(app);
  }

  /**
   * Serves one request to app {@code name} from the root's stream, whose certificate line was
   * read; {@code user} maps it to this cluster's roles (or refuses).
   *
   * @param origin the app's public origin at the root, the audience of the identity assertion
   * @param client the user's address as the root saw it
   */
  public void serve(TunnelStream fromRoot, String name, UUID session, String origin,
      String client, Supplier<UserIdentity> user) throws IOException {
    InputStream in = new BufferedInputStream(fromRoot.input(), BUFFER);
    OutputStream toRoot = fromRoot.output();
    HttpHead request = HttpHead.read(in);
    RequestLine line;
    AppCatalog.Entry entry;
    AppCaller caller;
    try {
      line = RequestLine.parse(request.startLine());
      if (!ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException("the app's origin must be https://HOST[:PORT]");
      }
      entry = catalog.find(name)
          .orElseThrow(() -> OutpostException.notFound("app " + name + " is not online"));
      caller = new AppCaller(user.get(), session);
      apps.requireAllowed(caller.identity(), entry.app(), client);
    } catch (IllegalArgumentException e) {
      plain(toRoot, 400, e.getMessage());
      return;
    } catch (OutpostException e) {
      plain(toRoot, OutpostExceptionMapper.status(e.kind()), e.getMessage());
      return;
    }
    HttpHead upstream = request.withStartLine(line.toString())
        .without(h -> h.equals("host") || h.equals("outpost-jwt-assertion"))
        .plus(new HttpHead.Header("Host", entry.upstream().getRawAuthority()))
        .plus(new HttpHead.Header(UpstreamHeaders.IDENTITY_HEADER,
            apps.identityAssertion(caller, entry.app(), issuer(), origin)));
    int status = 502;
    try {
      status = relay(entry, caller, upstream, in, toRoot, URI.create(origin));
    } finally {
      String target = line.target();
      int query = target.indexOf('?');
      apps.requestDone(caller, entry.app(), line.method(),
          query < 0 ? target : target.substring(0, query), status);
    }
  }

  /**
   * The request to the app, the rest of the root's stream after it (the body, or a WebSocket's
   * frames), and the answer back with redirects to the upstream moved to the app's origin.
   *
   * @return the app's status
   */
  private int relay(AppCatalog.Entry entry, AppCaller caller, HttpHead upstream,
      InputStream fromRoot, OutputStream toRoot, URI origin) throws IOException {
    try (TunnelStream app = entry.open(caller)) {
      upstream.write(app.output());
      app.output().flush();
      runtime.settings().executor().execute(() -> upload(fromRoot, app));
      InputStream fromApp = new BufferedInputStream(app.input(), BUFFER);
      HttpHead answer;
      int status;
      try {
        answer = HttpHead.read(fromApp);
        status = answer.status();
      } catch (IOException e) {
        plain(toRoot, 502, "app " + entry.app().name() + " did not answer: " + e.getMessage());
        return 502;
      }
      withLocation(answer, entry.upstream(), origin.toString()).write(toRoot);
      toRoot.flush();
      byte[] buffer = new byte[BUFFER];
      for (int n = fromApp.read(buffer); n >= 0; n = fromApp.read(buffer)) {
        toRoot.write(buffer, 0, n);
        toRoot.flush();
      }
      return status;
    }
  }

  /** What the root sends after the head: the body, or what the browser sends after an upgrade. */
  private static void upload(InputStream fromRoot, TunnelStream app) {
    try {
      fromRoot.transferTo(app.output());
      app.output().close();
    } catch (IOException e) {
      LOG.fine(() -> "a request from the root ended early: " + e.getMessage());
    }
  }

  private static HttpHead withLocation(HttpHead answer, URI upstream, String origin) {
    return answer.header("Location")
        .map(location -> answer.with("Location", UpstreamHeaders.location(location, upstream, origin)))
        .orElse(answer);
  }

  /** Where this cluster's key set is published, the issuer of its identity assertions. */
  private String issuer() {
    return gateway.host().map(AppHost::consoleOrigin).orElseGet(() -> "https://" + apps.publicAddr());
  }

  private static AppView view(PublishedApp app) {
    return new AppView(app.name(), app.node(), app.labels(), null);
  }

  private static void plain(OutputStream out, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    new HttpHead("HTTP/1.1 " + status + " " + (status < 500 ? "Refused" : "Unavailable"), List.of(
        new HttpHead.Header("Content-Type", "text/plain;charset=UTF-8"),
        new HttpHead.Header("Content-Length", Integer.toString(body.length)),
        new HttpHead.Header("Cache-Control", "no-store"),
        new HttpHead.Header("Connection", "close"))).write(out);
    out.write(body);
    out.flush();
  }
}
