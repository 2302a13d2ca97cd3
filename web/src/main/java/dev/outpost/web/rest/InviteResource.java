package dev.outpost.web.rest;

import dev.outpost.api.InviteAcceptance;
import dev.outpost.application.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

/** An invited user sets a password with the one-time code. */
@Path("invites/{code}")
@Consumes(MediaType.APPLICATION_JSON)
public class InviteResource {

  @Inject UserService users;

  @POST
  public void accept(@PathParam("code") String code, InviteAcceptance body) {
    users.acceptInvite(code, Requests.required(body));
  }
}
