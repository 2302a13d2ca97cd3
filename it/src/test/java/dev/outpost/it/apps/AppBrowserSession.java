package dev.outpost.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.TestCluster;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a browser does to open an app, request by request: console login on the apps domain, a
 * launch (cookie and CSRF token), the launch URL on the app's subdomain, which sets the app cookie.
 */
public final class AppBrowserSession {
  static final String CONSOLE_HOST = TestCluster.APPS_DOMAIN;

  private final Path clusterCa;
  final String consoleCookie;
  final String csrf;
  /** When the console session ends, as the login answered. */
  final Instant expires;

  private AppBrowserSession(Path clusterCa, String consoleCookie, String csrf, Instant expires) {
    this.clusterCa = clusterCa;
    this.consoleCookie = consoleCookie;
    this.csrf = csrf;
    this.expires = expires;
  }

  public static AppBrowserSession login(Path clusterCa, String user, String password) {
    String body = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
    RawHttps.Response answer = RawHttps.exchange(clusterCa, CONSOLE_HOST,
        "POST /api/v1/console/login HTTP/1.1\r\nHost: " + consoleHost()
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
            + "\r\nConnection: close", body);
    assertEquals(200, answer.status(), answer.body());
    String setCookie = answer.header("Set-Cookie").orElseThrow();
    JsonNode session = AdminTasks.json(answer.body());
    return new AppBrowserSession(clusterCa, setCookie.substring(0, setCookie.indexOf(';')),
        session.get("csrf_token").asText(), Instant.parse(session.get("expires").asText()));
  }

  static String consoleHost() {
    return CONSOLE_HOST + ":" + TestCluster.HTTPS_PORT;
  }

  /** {@code POST /api/v1/console/apps/APP/launch}. */
  public RawHttps.Response launch(String app, String path) {
    String body = "{\"path\":\"" + path + "\"}";
    return RawHttps.exchange(clusterCa, CONSOLE_HOST,
        "POST /api/v1/console/apps/" + app + "/launch HTTP/1.1\r\nHost: " + consoleHost()
            + "\r\nCookie: " + consoleCookie + "\r\nX-CSRF-Token: " + csrf
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
            + "\r\nConnection: close", body);
  }

  /** Launches {@code app} and follows the launch URL; returns the app cookie as name=value. */
  public String openApp(String app) {
    RawHttps.Response launched = launch(app, "/");
    assertEquals(200, launched.status(), launched.body());
    JsonNode answer = AdminTasks.json(launched.body());
    URI url = URI.create(answer.get("url").asText());
    assertEquals(AppFixture.host(app), url.getRawAuthority());
    RawHttps.Response redeemed = get(app, url.getRawPath() + "?" + url.getRawQuery(), null);
    assertEquals(302, redeemed.status(), redeemed.body());
    assertEquals("https://" + AppFixture.host(app) + "/", redeemed.header("Location").orElseThrow());
    String setCookie = redeemed.header("Set-Cookie").orElseThrow();
    assertTrue(setCookie.startsWith("__Host-outpost-app="), setCookie);
    assertTrue(setCookie.contains("; Path=/; Secure; HttpOnly; SameSite=Lax"), setCookie);
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /** {@code POST /api/v1/console/logout}. */
  void logout() {
    RawHttps.Response answer = RawHttps.exchange(clusterCa, CONSOLE_HOST,
        "POST /api/v1/console/logout HTTP/1.1\r\nHost: " + consoleHost() + "\r\nCookie: "
            + consoleCookie + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Length: 0"
            + "\r\nConnection: close", "");
    assertEquals(200, answer.status(), answer.body());
  }

  /** A GET on {@code app}'s subdomain with {@code cookie} (name=value, or null). */
  public RawHttps.Response get(String app, String target, String cookie) {
    return RawHttps.exchange(clusterCa, app + "." + TestCluster.APPS_DOMAIN,
        "GET " + target + " HTTP/1.1\r\nHost: " + AppFixture.host(app)
            + (cookie == null ? "" : "\r\nCookie: " + cookie) + "\r\nConnection: close", "");
  }

  /** Any request on {@code app}'s subdomain, head written by the caller (without Host). */
  RawHttps.Response raw(String app, String head, String body) {
    return RawHttps.exchange(clusterCa, app + "." + TestCluster.APPS_DOMAIN, head, body);
  }
}
