package dev.outpost.web.rest;

import dev.outpost.api.CaKeyView;
import dev.outpost.api.CaRotationRequest;
import dev.outpost.application.CaRotationService;
import dev.outpost.web.clusters.LeafTunnels;
import dev.outpost.web.ws.AgentTunnels;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SSH CAs' keys for admins; the service refuses callers without role {@code admin}. */
@Path("admin/ca")
@Tag(name = "admin", description = "Administration: needs a session of a user with role admin")
@SecurityRequirement(name = "session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class CaResource {

  @Inject CaRotationService cas;
  @Inject AgentTunnels agents;
  @Inject LeafTunnels leaves;

  @Operation(summary = "List the user and host CA keys",
      description = "the active key of each, and the keys a rotation retired with their end")
  @GET
  public List<CaKeyView> list(@Context ContainerRequestContext request) {
    return cas.list(SessionFilter.caller(request));
  }

  @Operation(summary = "Rotate the user or host CA",
      description = "a new key signs at once, the previous one stays trusted for the grace;"
          + " connected agents and leaf clusters learn at once; audited as ca.rotate")
  @POST
  @Path("rotate")
  public List<CaKeyView> rotate(CaRotationRequest body, @Context ContainerRequestContext request) {
    List<CaKeyView> keys = cas.rotate(SessionFilter.caller(request), Requests.required(body));
    agents.announceRotation();
    leaves.exchangeCas();
    return keys;
  }
}
