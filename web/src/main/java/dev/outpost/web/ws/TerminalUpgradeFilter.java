package dev.outpost.web.ws;

import dev.outpost.application.AuthService;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.web.console.ConsoleCookie;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;

/**
 * Guards the terminal WebSocket before the upgrade: the {@code Origin} must be this very site
 * (cross-site WebSocket hijacking is refused even though SameSite cookies would already stop it),
 * and the request must carry the console session cookie together with that session's CSRF token
 * in the {@code csrf} query parameter, so a token of another user's session never opens anything.
 * Refusals are plain HTTP answers (403, 401); the endpoint receives the checked identity as the
 * request's principal.
 */
@WebFilter(urlPatterns = TerminalEndpoint.PATH, asyncSupported = true)
public class TerminalUpgradeFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject transient AuthService console;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    if (!isSameOrigin(request.getHeader("Origin"), request.getHeader("Host"))) {
      refuse(response, 403, "WebSocket upgrade refused: the Origin is not this site");
      return;
    }
    UserIdentity identity;
    try {
      identity = console.consoleWriter(
          ConsoleCookie.token(request.getHeader("Cookie")).orElse(null),
          request.getParameter("csrf"));
    } catch (OutpostException e) {
      refuse(response, e.kind() == OutpostException.Kind.FORBIDDEN ? 403 : 401,
          "WebSocket upgrade refused: " + e.getMessage());
      return;
    }
    ConsolePrincipal principal = new ConsolePrincipal(identity);
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }
    }, response);
  }

  /** Same scheme-host-port as the page: {@code https://} and exactly the Host this request used. */
  static boolean isSameOrigin(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String port = uri.getPort() < 0 || uri.getPort() == 443 ? "" : ":" + uri.getPort();
      String expected = host.toLowerCase(Locale.ROOT).replaceFirst(":443$", "");
      return "https".equals(uri.getScheme()) && uri.getHost() != null
          && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
          && uri.getRawQuery() == null && uri.getRawFragment() == null
          && (uri.getHost().toLowerCase(Locale.ROOT) + port).equals(expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
