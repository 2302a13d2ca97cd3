package dev.outpost.web.rest;

import dev.outpost.api.ClusterInfo;
import dev.outpost.application.ClusterService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Public facts a client needs before it trusts anything: cluster name and CA pin. */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

  @Inject ClusterService cluster;

  @GET
  public ClusterInfo info() {
    return cluster.info();
  }
}
