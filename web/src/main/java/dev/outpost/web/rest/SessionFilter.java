package dev.outpost.web.rest;

import dev.outpost.application.AuthService;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.console.ConsoleCookie;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Resolves the caller of {@link Authenticated} requests into their identity, refusing the request
 * before any resource runs when there is none. The CLI sends its bearer session; the web console
 * sends its session cookie, and for anything but a read also the session's CSRF token in
 * {@value #CSRF_HEADER}, so the console pages use the same resources as the CLI; scripts may
 * present the login's TLS client certificate instead ({@code curl --cert}). A browser can present
 * a client certificate on its own, so a request with an {@code Origin} header is never
 * authenticated by one (no cross-site request rides on it).
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class SessionFilter implements ContainerRequestFilter {
  static final String IDENTITY = "outpost.identity";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String BEARER = "Bearer ";
  private static final String ORIGIN = "Origin";
  private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  @Inject AuthService auth;
  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null && header.startsWith(BEARER)) {
      request.setProperty(IDENTITY, auth.authenticate(header.substring(BEARER.length()).trim()));
      return;
    }
    Optional<String> console = ConsoleCookie.token(request.getHeaderString(HttpHeaders.COOKIE));
    if (console.isEmpty()) {
      X509Certificate[] chain = (X509Certificate[]) http.getAttribute(CLIENT_CERTIFICATES);
      if (chain != null && chain.length > 0 && request.getHeaderString(ORIGIN) == null) {
        request.setProperty(IDENTITY, auth.authenticateCertificate(chain));
        return;
      }
      request.abortWith(ErrorResponses.of(401, "not logged in: run 'outpost login'"));
      return;
    }
    request.setProperty(IDENTITY, isRead(request.getMethod())
        ? auth.consoleReader(console.get())
        : auth.consoleWriter(console.get(), request.getHeaderString(CSRF_HEADER)));
  }

  private static boolean isRead(String method) {
    return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
  }

  /** The identity the filter attached to an {@link Authenticated} request. */
  static UserIdentity caller(ContainerRequestContext request) {
    return (UserIdentity) request.getProperty(IDENTITY);
  }
}
