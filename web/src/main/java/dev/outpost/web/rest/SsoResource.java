package dev.outpost.web.rest;

import dev.outpost.api.LoginResponse;
import dev.outpost.api.SsoCliLogin;
import dev.outpost.api.SsoCliStart;
import dev.outpost.api.SsoCliStarted;
import dev.outpost.api.SsoDeviceLogin;
import dev.outpost.api.SsoDevicePoll;
import dev.outpost.api.SsoDeviceStart;
import dev.outpost.api.SsoDeviceStarted;
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
 * listener) and login (the code the listener received, for a session and certificates); on a
 * headless machine, a device authorization grant started and then polled.
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

  @Operation(summary = "Start a headless CLI sign-in (device authorization grant, RFC 8628)",
      description = "answers the user code and verification URL to show, and the handle to poll")
  @POST
  @Path("device/start")
  public SsoDeviceStarted startDevice(SsoDeviceStart request, @Context HttpServletRequest http) {
    return sso.beginDevice(Requests.required(request), http.getRemoteAddr());
  }

  @Operation(summary = "Poll a headless CLI sign-in",
      description = "pending until the user has signed in elsewhere, then done with a session "
          + "and certificates; audited as user.login with method=oidc")
  @POST
  @Path("device/login")
  public SsoDevicePoll pollDevice(SsoDeviceLogin request, @Context HttpServletRequest http) {
    return sso.pollDevice(Requests.required(request), http.getRemoteAddr());
  }
}
