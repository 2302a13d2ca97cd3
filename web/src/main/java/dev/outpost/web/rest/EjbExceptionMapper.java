package dev.outpost.web.rest;

import dev.outpost.domain.shared.OutpostException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Unwraps refusals that reach the endpoint wrapped by the container; anything else is an internal
 * error, logged here and answered without details.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {
  private static final Logger LOG = Logger.getLogger(EjbExceptionMapper.class.getName());

  @Override
  public Response toResponse(EJBException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutpostException refusal) {
        return new OutpostExceptionMapper().toResponse(refusal);
      }
    }
    LOG.log(Level.SEVERE, "internal error", e);
    return ErrorResponses.of(500, "internal error; see the proxy log");
  }
}
