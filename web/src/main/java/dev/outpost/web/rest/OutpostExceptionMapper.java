package dev.outpost.web.rest;

import dev.outpost.domain.shared.OutpostException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a service's refusal into its HTTP status and one clear line. */
@Provider
public class OutpostExceptionMapper implements ExceptionMapper<OutpostException> {

  @Override
  public Response toResponse(OutpostException e) {
    return ErrorResponses.of(status(e.kind()), e.getMessage());
  }

  /** The HTTP status of a refusal of {@code kind}. */
  public static int status(OutpostException.Kind kind) {
    return switch (kind) {
      case BAD_REQUEST -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case LOCKED -> 429;
      case UNAVAILABLE -> 503;
    };
  }
}
