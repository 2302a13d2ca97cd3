package dev.outpost.web.rest;

import dev.outpost.api.LoginRequest;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.StatusResponse;
import dev.outpost.application.AccessService;
import dev.outpost.application.AuthService;
import dev.outpost.application.ClusterService;
import dev.outpost.domain.user.UserIdentity;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Log in for certificates, ask who you are, log out. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

  @Inject AuthService auth;
  @Inject ClusterService cluster;
  @Inject AccessService access;

  @POST
  @Path("login")
  public LoginResponse login(LoginRequest request, @Context HttpServletRequest http) {
    return auth.login(Requests.required(request), http.getRemoteAddr());
  }

  @GET
  @Path("me")
  @Authenticated
  public StatusResponse me(@Context ContainerRequestContext request) {
    UserIdentity caller = SessionFilter.caller(request);
    return new StatusResponse(
        caller.user(), cluster.info().cluster(), caller.roleNames(), access.logins(caller), caller.expires());
  }

  @POST
  @Path("logout")
  @Authenticated
  public void logout(@Context HttpHeaders headers) {
    auth.logout(headers.getHeaderString(HttpHeaders.AUTHORIZATION).substring("Bearer ".length()));
  }
}
