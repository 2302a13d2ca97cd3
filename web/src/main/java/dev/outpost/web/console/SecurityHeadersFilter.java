package dev.outpost.web.console;

import dev.outpost.web.apps.AppGateway;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every response. The Content-Security-Policy allows scripts only from this origin
 * (no inline script, no eval) and connections only back to it; inline styles stay allowed because
 * the terminal emulator sizes and colours its cells with them. The recordings page alone may also
 * compile WebAssembly ({@code 'wasm-unsafe-eval'}, still no JavaScript eval): the session player's
 * terminal emulator is WebAssembly shipped inside its script. API answers are never cached.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  static final String POLICY = policy("script-src 'self'");
  static final String PLAYER_POLICY = policy("script-src 'self' 'wasm-unsafe-eval'");
  static final String PLAYER_PAGE = "/recordings.html";

  @Inject transient AppGateway apps;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    if (apps.appOf(request).isPresent()) {
      // An app's own response: its headers are the app's business, not the console's (the order
      // of annotated filters is the container's choice, so this one may run before AppHostFilter).
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Content-Security-Policy",
        PLAYER_PAGE.equals(request.getRequestURI()) ? PLAYER_POLICY : POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Strict-Transport-Security", "max-age=31536000");
    if (request.getRequestURI().startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }

  private static String policy(String scripts) {
    return "default-src 'none'; " + scripts + "; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }
}
