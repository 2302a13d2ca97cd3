package dev.outpost.web.rest;

import dev.outpost.application.AuthService;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Resolves the bearer session of {@link Authenticated} requests into the caller's identity,
 * refusing the request before any resource runs when there is none.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class SessionFilter implements ContainerRequestFilter {
  static final String IDENTITY = "outpost.identity";
  private static final String BEARER = "Bearer ";

  @Inject AuthService auth;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER)) {
      request.abortWith(ErrorResponses.of(401, "not logged in: run 'outpost login'"));
      return;
    }
    request.setProperty(IDENTITY, auth.authenticate(header.substring(BEARER.length()).trim()));
  }

  /** The identity the filter attached to an {@link Authenticated} request. */
  static UserIdentity caller(ContainerRequestContext request) {
    return (UserIdentity) request.getProperty(IDENTITY);
  }
}
