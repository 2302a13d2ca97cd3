package dev.outpost.web.rest;

import dev.outpost.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the one error shape every failure of the API answers with. */
final class ErrorResponses {
  private ErrorResponses() {}

  static Response of(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(message))
        .build();
  }
}
