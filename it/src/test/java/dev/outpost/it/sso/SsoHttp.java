package dev.outpost.it.sso;

import dev.outpost.client.tls.TlsContexts;
import dev.outpost.domain.shared.SecretToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user agent with its own cookie jar that walks the console's sign-in by plain HTTP, one
 * redirect at a time, so that a test can stop, repeat or change any step: start at the proxy,
 * Keycloak's real login form, the callback.
 */
final class SsoHttp {

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder()
      .sslContext(TlsContexts.insecure())
      .cookieHandler(new LoopbackCookies())
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  /** The proxy's answer to the start of a sign-in at {@code proxyBase}. */
  HttpResponse<String> start(String proxyBase) {
    return get(URI.create(proxyBase + "/api/v1/console/sso/keycloak/login"));
  }

  /**
   * Signs in at Keycloak's login form and returns where Keycloak sends the browser back: the
   * proxy's callback with state and code, not yet visited.
   */
  URI signInAtKeycloak(String proxyBase, String user, String password) {
    HttpResponse<String> start = start(proxyBase);
    expectRedirect(start);
    return signInAt(location(start), user, password);
  }

  /** Signs in at Keycloak's login page behind {@code authorizationUrl}; returns the redirect. */
  URI signInAt(URI authorizationUrl, String user, String password) {
    HttpResponse<String> page = get(authorizationUrl);
    Matcher action = FORM_ACTION.matcher(page.body());
    if (page.statusCode() != 200 || !action.find()) {
      throw new AssertionError("no Keycloak login form (" + page.statusCode() + "): "
          + page.body());
    }
    HttpResponse<String> posted = send(HttpRequest.newBuilder(
            URI.create(action.group(1).replace("&amp;", "&")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password="
            + encode(password) + "&credentialId=")));
    expectRedirect(posted);
    return location(posted);
  }

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  /**
   * Visits a callback with the binding cookie its state would have, as if this agent had started
   * the sign-in: the proxy's own check of the state is all that is left.
   */
  HttpResponse<String> getBound(URI callback) {
    Matcher state = Pattern.compile("(?:^|&)state=([^&]+)").matcher(callback.getRawQuery());
    if (!state.find()) {
      throw new AssertionError("no state in " + callback);
    }
    return send(HttpRequest.newBuilder(callback).header("Cookie", "__Host-outpost-sso="
        + SecretToken.hash("sso-binding:" + state.group(1))).GET());
  }

  static URI location(HttpResponse<String> response) {
    return response.uri().resolve(response.headers().firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location in " + response)));
  }

  /** The message the login page would show, from a redirect back to it. */
  static String loginError(HttpResponse<String> response) {
    String location = location(response).getRawQuery();
    if (location == null || !location.startsWith("sso_error=")) {
      throw new AssertionError("not sent back to the login page with an error: "
          + location(response));
    }
    return java.net.URLDecoder.decode(location.substring("sso_error=".length()),
        StandardCharsets.UTF_8);
  }

  private static void expectRedirect(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 3) {
      throw new AssertionError("expected a redirect from " + response.uri() + ", got "
          + response.statusCode() + ": " + response.body());
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
