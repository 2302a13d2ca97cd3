package dev.outpost.web.console;

import dev.outpost.application.AuthService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.web.terminal.TerminalSessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The user's own open browser terminals: list them, close one. */
@Path("console/terminals")
@Produces(MediaType.APPLICATION_JSON)
public class TerminalResource {

  @Inject AuthService console;
  @Inject TerminalSessions terminals;

  @GET
  public List<TerminalView> list(@HeaderParam(HttpHeaders.COOKIE) String cookie) {
    String user = ConsoleRequests.reader(console, cookie).user();
    return terminals.of(user).stream().map(TerminalView::of).toList();
  }

  @DELETE
  @Path("{session}")
  public void close(@PathParam("session") String session,
      @HeaderParam(HttpHeaders.COOKIE) String cookie,
      @HeaderParam(ConsoleRequests.CSRF_HEADER) String csrf) {
    String user = ConsoleRequests.writer(console, cookie, csrf).user();
    terminals.terminate(user, sessionId(session));
  }

  private static UUID sessionId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw OutpostException.notFound("no such session");
    }
  }
}
