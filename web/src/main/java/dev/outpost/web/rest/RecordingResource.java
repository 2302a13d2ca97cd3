package dev.outpost.web.rest;

import dev.outpost.api.RecordingView;
import dev.outpost.application.RecordingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;

/** Recorded sessions, read-only: there is no call that changes or deletes one. */
@Path("recordings")
@Authenticated
public class RecordingResource {
  static final String ASCIICAST = "application/x-asciicast";

  @Inject RecordingService recordings;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<RecordingView> list(@QueryParam("limit") @DefaultValue("100") int limit,
      @Context ContainerRequestContext request) {
    return recordings.list(SessionFilter.caller(request), limit);
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public RecordingView find(@PathParam("id") String id, @Context ContainerRequestContext request) {
    return recordings.find(SessionFilter.caller(request), id);
  }

  /** The asciicast v2 file exactly as stored. */
  @GET
  @Path("{id}/cast")
  @Produces(ASCIICAST)
  public StreamingOutput cast(@PathParam("id") String id,
      @Context ContainerRequestContext request) {
    InputStream bytes = recordings.export(SessionFilter.caller(request), id);
    return out -> {
      try (bytes) {
        bytes.transferTo(out);
      }
    };
  }
}
