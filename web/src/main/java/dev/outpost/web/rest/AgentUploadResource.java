package dev.outpost.web.rest;

import dev.outpost.api.NodeEvents;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.application.RecordingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * What agents deliver after the fact: recordings (announce, chunks, completion) and audit events.
 * Each request carries the node's proof; see docs/wire-contracts.md.
 */
@Path("agent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentUploadResource {

  @Inject RecordingService recordings;

  @POST
  @Path("recordings/{id}")
  public RecordingStatus open(@PathParam("id") String id, RecordingOpen body) {
    return recordings.open(id, Requests.required(body));
  }

  @POST
  @Path("recordings/{id}/chunks")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public RecordingStatus append(@PathParam("id") String id, @QueryParam("offset") String offset,
      @Context HttpHeaders headers, InputStream body) throws IOException {
    return recordings.append(id,
        RecordingChunkRequest.read(offset, headers::getHeaderString, body));
  }

  @POST
  @Path("recordings/{id}/complete")
  public RecordingStatus complete(@PathParam("id") String id, RecordingComplete body) {
    return recordings.complete(id, Requests.required(body));
  }

  @POST
  @Path("events")
  public Map<String, Integer> events(NodeEvents body) {
    return Map.of("added", recordings.nodeEvents(Requests.required(body)));
  }
}
