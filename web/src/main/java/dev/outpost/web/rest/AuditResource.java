package dev.outpost.web.rest;

import dev.outpost.api.AuditEventView;
import dev.outpost.application.AuditLog;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.AuditQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/** The audit log, filtered and paged; admins only. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AuditResource {

  @Inject AuditLog audit;
  @Inject Clock clock;

  @GET
  public List<AuditEventView> list(
      @QueryParam("since") String since,
      @QueryParam("type") String type,
      @QueryParam("user") String user,
      @QueryParam("node") String node,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit,
      @Context ContainerRequestContext request) {
    AuditQuery query = new AuditQuery(AuditQuery.parseSince(since, clock.instant()),
        type == null || type.isBlank() ? null : AuditEventType.fromWireName(type.trim()),
        user, node, offset, limit);
    return audit.search(SessionFilter.caller(request), query);
  }
}
