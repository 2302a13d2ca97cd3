package dev.outpost.web.rest;

import dev.outpost.api.KubeClusterView;
import dev.outpost.application.ClusterService;
import dev.outpost.application.KubeService;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.clusters.LeafRelay;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The Kubernetes clusters the caller may reach ({@code outpost kube ls}). */
@Path("kube/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class KubeResource {

  @Inject KubeService kube;
  @Inject ClusterService cluster;
  @Inject LeafRelay leaves;

  /** In this cluster or, with {@code cluster}, in a leaf, which lists them for the caller. */
  @GET
  public List<KubeClusterView> list(@QueryParam("cluster") String clusterName,
      @Context ContainerRequestContext request) {
    UserIdentity caller = SessionFilter.caller(request);
    return ClusterParameter.leaf(clusterName, cluster, leaves)
        .map(leaf -> leaves.kubeClusters(caller, leaf))
        .orElseGet(() -> kube.listFor(caller));
  }
}
