package dev.outpost.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.outpost.api.LoginResponse;
import dev.outpost.api.SsoCliLogin;
import dev.outpost.api.SsoCliStart;
import dev.outpost.api.SsoCliStarted;
import dev.outpost.api.SsoConnectorLink;
import dev.outpost.api.SsoDeviceLogin;
import dev.outpost.api.SsoDevicePoll;
import dev.outpost.api.SsoDeviceStart;
import dev.outpost.api.SsoDeviceStarted;
import dev.outpost.cli.CliException;
import dev.outpost.cli.profile.LoginKeys;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code outpost login --auth=oidc}: the proxy starts a code flow with PKCE at the connector's
 * provider that returns to a listener on this machine's loopback address (RFC 8252); the user
 * opens the printed URL, signs in, and the provider's redirect hands state and code to the
 * listener, which the proxy trades for a session and certificates. The state must be the one
 * this login started: another redirect to the listener is refused.
 */
final class OidcSignIn {

  static final Duration WAIT = Duration.ofMinutes(5);
  private static final String CALLBACK = "/callback";

  private final ApiClient api;
  private final PrintWriter out;

  OidcSignIn(ApiClient api, PrintWriter out) {
    this.api = api;
    this.out = out;
  }

  LoginResponse logIn(String connectorName, LoginKeys keys, String ttl)
      throws CliException, ApiException, IOException {
    String connector = connectorName == null ? onlyConnector() : connectorName;
    CompletableFuture<Map<String, String>> redirect = new CompletableFuture<>();
    HttpServer listener = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    listener.createContext(CALLBACK, exchange -> answer(exchange, redirect));
    listener.start();
    try {
      SsoCliStarted started = api.post("/api/v1/sso/cli/start", new SsoCliStart(connector,
          "http://127.0.0.1:" + listener.getAddress().getPort() + CALLBACK), SsoCliStarted.class);
      out.printf("Open this URL in a browser to sign in with %s:%n  %s%n", connector,
          started.authorizationUrl());
      out.flush();
      Map<String, String> query = await(redirect);
      if (query.containsKey("error")) {
        throw CliException.failure("the identity provider did not sign you in: "
            + query.get("error"));
      }
      if (!started.state().equals(query.get("state")) || query.get("code") == null) {
        throw CliException.failure("the browser returned to this login with a foreign state; "
            + "start again");
      }
      return api.post("/api/v1/sso/cli/login", new SsoCliLogin(query.get("state"),
          query.get("code"), keys.sshPublicKeyLine(), keys.tlsPublicKeyBase64(), ttl),
          LoginResponse.class);
    } finally {
      listener.stop(0);
    }
  }

  /**
   * {@code --headless}: the device authorization grant (RFC 8628). The user opens the printed URL
   * on any other device and enters the code; this login polls the proxy meanwhile.
   */
  LoginResponse logInHeadless(String connectorName, LoginKeys keys, String ttl)
      throws CliException, ApiException, IOException {
    String connector = connectorName == null ? onlyConnector() : connectorName;
    SsoDeviceStarted started = api.post("/api/v1/sso/cli/device/start",
        new SsoDeviceStart(connector), SsoDeviceStarted.class);
    out.printf("On any device, open this URL and sign in with %s:%n  %s%n", connector,
        started.verificationUriComplete() != null ? started.verificationUriComplete()
            : started.verificationUri());
    out.printf("Code: %s%n", started.userCode());
    out.flush();
    Duration interval = Duration.ofSeconds(Math.max(1, started.intervalSeconds()));
    SsoDeviceLogin poll = new SsoDeviceLogin(started.handle(), keys.sshPublicKeyLine(),
        keys.tlsPublicKeyBase64(), ttl);
    while (Instant.now().isBefore(started.expires())) {
      pause(interval);
      SsoDevicePoll answer = api.post("/api/v1/sso/cli/device/login", poll, SsoDevicePoll.class);
      if (SsoDevicePoll.DONE.equals(answer.status())) {
        return answer.login();
      }
    }
    throw CliException.failure("the code expired before anyone signed in with it; start again");
  }

  private static void pause(Duration interval) throws CliException {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted while waiting for the sign-in");
    }
  }

  private String onlyConnector() throws CliException, ApiException, IOException {
    List<SsoConnectorLink> connectors = api.getList("/api/v1/console/sso",
        SsoConnectorLink.class);
    if (connectors.size() != 1) {
      throw CliException.usage(connectors.isEmpty()
          ? "the proxy has no single sign-on connector"
          : "name the connector with --connector: one of "
              + connectors.stream().map(SsoConnectorLink::name).toList());
    }
    return connectors.get(0).name();
  }

  private static Map<String, String> await(CompletableFuture<Map<String, String>> redirect)
      throws CliException {
    try {
      return redirect.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw CliException.failure("no sign-in within " + WAIT.toMinutes() + " minutes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted while waiting for the sign-in");
    } catch (ExecutionException e) {
      throw CliException.failure("sign-in failed: " + e.getCause().getMessage());
    }
  }

  private static void answer(HttpExchange exchange, CompletableFuture<Map<String, String>> done)
      throws IOException {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        query.put(pair.substring(0, equals),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    byte[] page = ("<!DOCTYPE html><title>Outpost</title><p>"
        + (query.containsKey("code") ? "Signed in: you can close this tab and return to the "
            + "terminal." : "The sign-in did not complete: see the terminal.")
        + "</p>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
    exchange.sendResponseHeaders(200, page.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(page);
    }
    done.complete(query);
  }
}
