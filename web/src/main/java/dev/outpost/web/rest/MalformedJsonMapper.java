package dev.outpost.web.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON the endpoint expects is the caller's mistake: 400, not 500. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    return ErrorResponses.of(400, "malformed JSON request body");
  }
}
