package dev.outpost.web.rest;

import dev.outpost.api.KubeRegistration;
import dev.outpost.application.KubeService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * An agent announces the Kubernetes cluster it reaches; the request carries the node's proof, see
 * docs/wire-contracts.md.
 */
@Path("agent/kube")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentKubeResource {

  @Inject KubeService kube;

  @POST
  public Map<String, String> register(KubeRegistration body) {
    KubeRegistration registration = Requests.required(body);
    kube.register(registration);
    return Map.of("name", registration.name());
  }
}
