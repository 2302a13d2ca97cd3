package dev.outpost.web.rest;

import dev.outpost.api.NodeView;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.application.NodeService;
import dev.outpost.application.TokenService;
import dev.outpost.application.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Administration; the services refuse callers without role {@code admin}. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class AdminResource {

  @Inject TokenService tokens;
  @Inject UserService users;
  @Inject NodeService nodes;

  @POST
  @Path("tokens")
  public TokenResponse addToken(TokenRequest body, @Context ContainerRequestContext request) {
    return tokens.create(SessionFilter.caller(request), Requests.required(body));
  }

  @POST
  @Path("users")
  public UserCreated addUser(UserRequest body, @Context ContainerRequestContext request) {
    return users.create(SessionFilter.caller(request), Requests.required(body));
  }

  @GET
  @Path("nodes")
  public List<NodeView> nodes(@Context ContainerRequestContext request) {
    return nodes.listAll(SessionFilter.caller(request));
  }
}
