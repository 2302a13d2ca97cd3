package dev.outpost.web.console;

import dev.outpost.api.NodeView;
import dev.outpost.application.AuthService;
import dev.outpost.application.NodeService;
import dev.outpost.application.SsoService;
import dev.outpost.application.console.ConsoleCredentials;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.console.ConsoleSessions;
import dev.outpost.domain.shared.OutpostException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The web console's session: log in (sets the cookie), who am I, log out; and the node list. */
@Path("console")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsoleResource {

  @Inject AuthService console;
  @Inject NodeService nodes;
  @Inject SsoService sso;

  @POST
  @Path("login")
  public Response login(ConsoleLoginForm form, @Context HttpServletRequest http) {
    if (form == null) {
      throw OutpostException.badRequest("user and password are required");
    }
    ConsoleLogin login = console.consoleLogin(
        ConsoleCredentials.of(form.user(), form.password(), form.totp()), http.getRemoteAddr());
    return Response.ok(ConsoleSessionView.of(login.identity(), login.csrfToken()))
        .header(HttpHeaders.SET_COOKIE, ConsoleCookie.set(login.sessionToken()))
        .build();
  }

  @GET
  @Path("session")
  public ConsoleSessionView session(@HeaderParam(HttpHeaders.COOKIE) String cookie) {
    String token = ConsoleRequests.sessionToken(cookie);
    return ConsoleSessionView.of(console.consoleReader(token), ConsoleSessions.csrfToken(token));
  }

  @POST
  @Path("logout")
  @Produces(MediaType.APPLICATION_JSON)
  public Response logout(@HeaderParam(HttpHeaders.COOKIE) String cookie,
      @HeaderParam(ConsoleRequests.CSRF_HEADER) String csrf,
      @HeaderParam(HttpHeaders.HOST) String host) {
    // Back to the login page the browser used; the provider checks it against the client's
    // registered post-logout URLs.
    URI afterLogout = URI.create("https://" + host + "/");
    String ssoLogout = console.consoleLogout(ConsoleRequests.sessionToken(cookie), csrf)
        .flatMap(connector -> sso.logoutUrl(connector, afterLogout))
        .map(URI::toString).orElse(null);
    return Response.ok(new ConsoleLogout(ssoLogout))
        .header(HttpHeaders.SET_COOKIE, ConsoleCookie.clear()).build();
  }

  @GET
  @Path("nodes")
  public List<NodeView> nodes(@HeaderParam(HttpHeaders.COOKIE) String cookie) {
    return nodes.listFor(ConsoleRequests.reader(console, cookie));
  }
}
