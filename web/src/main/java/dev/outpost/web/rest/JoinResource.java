package dev.outpost.web.rest;

import dev.outpost.api.JoinRequest;
import dev.outpost.api.JoinResponse;
import dev.outpost.api.RenewRequest;
import dev.outpost.application.JoinService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Nodes join with a single-use token and renew with a proof of their current key. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JoinResource {

  @Inject JoinService joins;

  @POST
  @Path("join")
  public JoinResponse join(JoinRequest body, @Context HttpServletRequest http) {
    return joins.join(Requests.required(body), http.getRemoteAddr());
  }

  @POST
  @Path("nodes/renew")
  public JoinResponse renew(RenewRequest body, @Context HttpServletRequest http) {
    return joins.renew(Requests.required(body), http.getRemoteAddr());
  }
}
