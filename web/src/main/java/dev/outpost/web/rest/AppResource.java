package dev.outpost.web.rest;

import dev.outpost.api.AppCertificate;
import dev.outpost.api.AppView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import dev.outpost.web.apps.AppDirectory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

  @GET
  public List<AppView> list(@Context ContainerRequestContext request) {
    return apps.visibleTo(SessionFilter.caller(request));
  }

  @POST
  @Path("{name}/certificate")
  @Consumes(MediaType.APPLICATION_JSON)
  public AppCertificate certificate(@PathParam("name") String name, AppCertificate body,
      @Context ContainerRequestContext request, @Context HttpServletRequest http) {
    return apps.certificate(SessionFilter.caller(request), name,
        Requests.required(body).tlsPublicKey(), http.getRemoteAddr());
  }
}
