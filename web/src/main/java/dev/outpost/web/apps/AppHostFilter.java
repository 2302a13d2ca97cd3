package dev.outpost.web.apps;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The first filter of the web module (declared first in web.xml): a request whose {@code Host}
 * names an app goes to the {@link AppGateway} and no further, so that nothing of the console
 * (its pages, REST API, WebSocket endpoints, security headers) is reachable on an app's
 * subdomain; every other request passes on unchanged.
 *
 * <p>Why a filter rather than a Payara virtual server per app: virtual servers are static
 * configuration (one per host name, set with asadmin and bound to listeners), whereas apps come
 * and go with their agents; a filter on the one HTTPS listener routes by {@code Host} at request
 * time, with the certificate's wildcard name covering every app.
 */
public class AppHostFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject transient AppGateway gateway;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    Optional<String> app = gateway.appOf(request);
    if (app.isPresent()) {
      gateway.serve(app.get(), request, response);
    } else {
      chain.doFilter(request, response);
    }
  }
}
