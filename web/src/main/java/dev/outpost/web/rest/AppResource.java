package dev.outpost.web.rest;

import dev.outpost.api.AppCertificate;
import dev.outpost.api.AppView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import dev.outpost.application.ClusterService;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.apps.AppDirectory;
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

/** The web apps the caller may open ({@code outpost apps ls}), client certificates for them. */
@Path("apps")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AppResource {

  @Inject AppDirectory apps;
  @Inject ClusterService cluster;
  @Inject LeafRelay leaves;

  /** In this cluster or, with {@code cluster}, in a leaf, which lists them for the caller. */
  @GET
  public List<AppView> list(@QueryParam("cluster") String clusterName,
      @Context ContainerRequestContext request) {
    UserIdentity caller = SessionFilter.caller(request);
    return ClusterParameter.leaf(clusterName, cluster, leaves)
        .map(leaf -> apps.visibleIn(caller, leaf))
        .orElseGet(() -> apps.visibleTo(caller));
  }

  /** For an app of this cluster or, with {@code cluster}, of a leaf, which decides. */
  @POST
  @Path("{name}/certificate")
  @Consumes(MediaType.APPLICATION_JSON)
  public AppCertificate certificate(@PathParam("name") String name,
      @QueryParam("cluster") String clusterName, AppCertificate body,
      @Context ContainerRequestContext request, @Context HttpServletRequest http) {
    UserIdentity caller = SessionFilter.caller(request);
    String key = Requests.required(body).tlsPublicKey();
    return ClusterParameter.leaf(clusterName, cluster, leaves)
        .map(leaf -> apps.certificate(caller, leaf, name, key, http.getRemoteAddr()))
        .orElseGet(() -> apps.certificate(caller, name, key, http.getRemoteAddr()));
  }
}
