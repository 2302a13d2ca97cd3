package dev.outpost.web.ws;

import dev.outpost.tunnel.admission.RetryAfter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Lets agent tunnel connects in at the configured admission rate ({@code
 * OUTPOST_TUNNEL_ADMISSION_RATE}/{@code _BURST}). Over the rate the upgrade is refused before the
 * endpoint exists, so a reconnecting fleet costs no certificate check, database write or audit
 * event per refused attempt: 503 with {@code Retry-After}, which the agent waits out on top of its
 * own backoff.
 */
@WebFilter(urlPatterns = AgentTunnelEndpoint.PATH, asyncSupported = true)
public class AgentTunnelAdmissionFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject transient TunnelRuntime runtime;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    Optional<Duration> refused = runtime.admission().tryAdmit();
    if (refused.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String seconds = RetryAfter.format(refused.get());
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader(RetryAfter.HEADER, seconds);
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write(("proxy busy admitting agent tunnels: retry after " + seconds
        + " s\n").getBytes(StandardCharsets.UTF_8));
  }
}
