package dev.outpost.web.console;

import dev.outpost.api.SsoConnectorLink;
import dev.outpost.application.SsoService;
import dev.outpost.application.console.ConsoleLogin;
import dev.outpost.application.sso.SignInStart;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Console sign-in through an identity provider: the login page's buttons, the start (a redirect
 * to the provider) and the callback (a session cookie and a redirect into the console). The
 * start also sets a short-lived cookie bound to the request's state, so that a callback is
 * accepted only in the browser that started it (no login CSRF); it is {@code SameSite=Lax}
 * because the provider's redirect back is a cross-site navigation. Failures land on the login
 * page with one line to show.
 */
@Path("console/sso")
public class SsoConsoleResource {

  static final String BINDING_COOKIE = "__Host-outpost-sso";
  private static final String BINDING_ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Lax";

  @Inject SsoService sso;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<SsoConnectorLink> connectors() {
    return sso.connectors().stream().map(connector -> new SsoConnectorLink(connector.name(),
        connector.display(), "/api/v1/console/sso/" + connector.name() + "/login")).toList();
  }

  @GET
  @Path("{name}/login")
  public Response start(@PathParam("name") String name,
      @HeaderParam(HttpHeaders.HOST) String host, @Context HttpServletRequest http) {
    try {
      // The URL the browser used; the connector's allowlist decides whether it may be used.
      URI callback = URI.create("https://" + host + SsoService.CONSOLE_CALLBACK);
      SignInStart start = sso.beginConsole(name, callback, http.getRemoteAddr());
      return Response.seeOther(start.authorizationUrl())
          .header(HttpHeaders.SET_COOKIE, BINDING_COOKIE + "=" + binding(start.state())
              + BINDING_ATTRIBUTES + "; Max-Age=600")
          .build();
    } catch (OutpostException | IllegalArgumentException e) {
      return backToLogin(e.getMessage());
    }
  }

  @GET
  @Path("callback")
  public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
      @QueryParam("error") String error, @HeaderParam(HttpHeaders.COOKIE) String cookies,
      @Context HttpServletRequest http) {
    if (error != null) {
      return backToLogin("the identity provider did not sign you in ("
          + error.replaceAll("[^a-z_]", "") + ")");
    }
    String bound = CookieHeader.value(cookies, BINDING_COOKIE).orElse(null);
    if (state == null || bound == null || !MessageDigest.isEqual(
        binding(state).getBytes(StandardCharsets.US_ASCII),
        bound.getBytes(StandardCharsets.US_ASCII))) {
      return backToLogin("this sign-in was not started in this browser: start again");
    }
    try {
      ConsoleLogin login = sso.completeConsole(state, code, http.getRemoteAddr());
      return Response.seeOther(URI.create("/console.html"))
          .header(HttpHeaders.SET_COOKIE, ConsoleCookie.set(login.sessionToken()))
          .header(HttpHeaders.SET_COOKIE, clearBinding())
          .build();
    } catch (OutpostException e) {
      return backToLogin(e.getMessage());
    }
  }

  private static Response backToLogin(String message) {
    return Response.seeOther(URI.create("/?sso_error="
            + URLEncoder.encode(message, StandardCharsets.UTF_8)))
        .header(HttpHeaders.SET_COOKIE, clearBinding())
        .build();
  }

  private static String binding(String state) {
    return SecretToken.hash("sso-binding:" + state);
  }

  private static String clearBinding() {
    return BINDING_COOKIE + "=" + BINDING_ATTRIBUTES + "; Max-Age=0";
  }
}
