package dev.outpost.web.apps;

import dev.outpost.application.AppService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /.well-known/jwks.json}: the public keys apps verify {@code Outpost-Jwt-Assertion} with. */
@WebServlet("/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient AppService apps;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "max-age=300");
    response.getWriter().write(apps.jwks());
  }
}
