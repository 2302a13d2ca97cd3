package dev.outpost.web.rest;

import dev.outpost.api.KubeClusterView;
import dev.outpost.application.KubeService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

  @GET
  public List<KubeClusterView> list(@Context ContainerRequestContext request) {
    return kube.listFor(SessionFilter.caller(request));
  }
}
