package dev.outpost.web.rest;

import dev.outpost.api.NodeView;
import dev.outpost.application.ClusterService;
import dev.outpost.application.NodeService;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.clusters.LeafRelay;
import jakarta.ws.rs.QueryParam;
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
  @Inject ClusterService cluster;
  @Inject LeafRelay leaves;

  /** The nodes the caller may reach, in this cluster or, with {@code cluster}, in a leaf. */
  @GET
  public List<NodeView> list(@QueryParam("cluster") String clusterName,
      @Context ContainerRequestContext request) {
    UserIdentity caller = SessionFilter.caller(request);
    return ClusterParameter.leaf(clusterName, cluster, leaves)
        .map(leaf -> leaves.nodes(caller, leaf))
        .orElseGet(() -> nodes.listFor(caller));
  }
}
