package dev.outpost.web.rest;

import dev.outpost.api.LoginResponse;
import dev.outpost.api.SsoCliLogin;
import dev.outpost.api.SsoCliStart;
import dev.outpost.api.SsoCliStarted;
import dev.outpost.application.SsoService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The CLI's single sign-on: start (the provider's URL, returning to the CLI's loopback
 * listener) and login (the code the listener received, for a session and certificates).
 */
@Path("sso/cli")
@Tag(name = "sso", description = "Single sign-on for the CLI (OpenID Connect, code flow with PKCE)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SsoResource {

  @Inject SsoService sso;

  @Operation(summary = "Start a CLI sign-in",
      description = "redirect_uri must be on the connector's allowlist (loopback: any port)")
  @POST
  @Path("start")
  public SsoCliStarted start(SsoCliStart request, @Context HttpServletRequest http) {
    return sso.beginCli(Requests.required(request), http.getRemoteAddr());
  }

  @Operation(summary = "Finish a CLI sign-in for a session and certificates",
      description = "the state works once; audited as user.login with method=oidc")
  @POST
  @Path("login")
  public LoginResponse login(SsoCliLogin request, @Context HttpServletRequest http) {
    return sso.completeCli(Requests.required(request), http.getRemoteAddr());
  }
}
