package dev.outpost.web.console;

import dev.outpost.api.AppLaunch;
import dev.outpost.api.AppView;
import dev.outpost.application.AuthService;
import dev.outpost.web.apps.AppDirectory;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The console's apps: the list, and launching one (a single-use URL on the app's subdomain). */
@Path("console/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsoleAppResource {

  @Inject AuthService console;
  @Inject AppDirectory apps;

  @GET
  public List<AppView> list(@HeaderParam(HttpHeaders.COOKIE) String cookie) {
    return apps.visibleTo(ConsoleRequests.reader(console, cookie));
  }

  @POST
  @Path("{name}/launch")
  public AppLaunch launch(@PathParam("name") String name, AppLaunch body,
      @HeaderParam(HttpHeaders.COOKIE) String cookie,
      @HeaderParam(ConsoleRequests.CSRF_HEADER) String csrf, @Context HttpServletRequest http) {
    String path = body == null ? null : body.path();
    return new AppLaunch(path, apps.launch(ConsoleRequests.sessionToken(cookie), csrf, name, path,
        http.getRemoteAddr()));
  }
}
