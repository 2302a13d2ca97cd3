package dev.outpost.web.rest;

import dev.outpost.api.ClusterJoinRequest;
import dev.outpost.api.ClusterJoinResponse;
import dev.outpost.api.TrustedClusterView;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.web.clusters.TrustedClusters;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * This cluster and its leaves with their status, for every user ({@code outpost clusters}), and
 * where leaves join with a token; administration of trusts is under {@code admin/clusters}.
 */
@Path("clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {

  @Inject TrustedClusters clusters;
  @Inject TrustedClusterService trust;

  @GET
  @Authenticated
  public List<TrustedClusterView> list() {
    return clusters.list().stream().filter(view -> !view.kind().equals("root")).toList();
  }

  /** A leaf cluster joins this root with a {@code trusted_cluster} token: no session needed. */
  @POST
  @Path("join")
  @Consumes(MediaType.APPLICATION_JSON)
  public ClusterJoinResponse join(ClusterJoinRequest body, @Context HttpServletRequest http) {
    return trust.joinLeaf(Requests.required(body), http.getRemoteAddr());
  }
}
