package dev.outpost.web.rest;

import dev.outpost.api.NodeView;
import dev.outpost.application.NodeService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The nodes the caller may reach. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class NodeResource {

  @Inject NodeService nodes;

  @GET
  public List<NodeView> list(@Context ContainerRequestContext request) {
    return nodes.listFor(SessionFilter.caller(request));
  }
}
