package dev.outpost.web.rest;

import dev.outpost.api.AuditEventView;
import dev.outpost.application.AuditLog;
import dev.outpost.domain.audit.AuditEvent;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditRecord;
import dev.outpost.domain.shared.Ttl;
import dev.outpost.domain.user.Role;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import dev.outpost.api.NodeView;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.application.NodeService;
import dev.outpost.application.TokenService;
import dev.outpost.application.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Administration; the services refuse callers without role {@code admin}. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class AdminResource {

  @Inject TokenService tokens;
  @Inject UserService users;
  @Inject NodeService nodes;
  @Inject AuditLog audit;

  @POST
  @Path("tokens")
  public TokenResponse addToken(TokenRequest body, @Context ContainerRequestContext request) {
    return tokens.create(SessionFilter.caller(request), Requests.required(body));
  }

  @POST
  @Path("users")
  public UserCreated addUser(UserRequest body, @Context ContainerRequestContext request) {
    return users.create(SessionFilter.caller(request), Requests.required(body));
  }

  @GET
  @Path("nodes")
  public List<NodeView> nodes(@Context ContainerRequestContext request) {
    return nodes.listAll(SessionFilter.caller(request));
  }

  /** Audit events of the last {@code since} (default 1h), of one {@code type} if given. */
  @GET
  @Path("audit")
  public List<AuditEventView> audit(@QueryParam("since") String since,
      @QueryParam("type") String type, @QueryParam("limit") @DefaultValue("1000") int limit,
      @Context ContainerRequestContext request) {
    SessionFilter.caller(request).requireRole(Role.ADMIN);
    Instant from = Instant.now().minus(Ttl.parse(since, Duration.ofHours(1)));
    AuditEventType wanted = type == null || type.isBlank() ? null : AuditEventType.fromWireName(type);
    return audit.list(from, wanted, limit).stream().map(AdminResource::view).toList();
  }

  private static AuditEventView view(AuditEvent event) {
    AuditRecord record = event.record();
    return new AuditEventView(event.id().toString(), event.time(), event.type().wireName(),
        event.cluster(), record.actor(), record.node(), record.login(),
        record.sessionId() == null ? null : record.sessionId().toString(), record.remoteAddr(),
        record.outcome().name().toLowerCase(Locale.ROOT), record.message());
  }
}
