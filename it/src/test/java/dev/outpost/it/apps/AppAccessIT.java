package dev.outpost.it.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import dev.outpost.it.WebSocketFrames;
import dev.outpost.tunnel.http.HttpHead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.outpost.it.console.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Web apps through the proxy, end to end: the agent publishes a real HTTP app from the edge's
 * loopback, users open it on its own subdomain after the console login, and whatever the request
 * says, only the configured upstream answers. The tests run in any order, except the one that
 * waits for a session to expire, which runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppAccessIT {
  private static AppFixture fixture;
  private static String alice;
  private static String bob;
  private static AppBrowserSession aliceBrowser;
  private static String aliceCookie;
  /** Erin's roles cap her session at one minute, the least {@code max_session_ttl}. */
  private static Instant erinLogin;
  private static AppBrowserSession erinBrowser;
  private static String erinCookie;
  private static int erinStatusBeforeExpiry;

  @BeforeAll
  static void publishApps() {
    fixture = AppFixture.start();
    alice = fixture.user("alice", fixture.role);
    bob = fixture.user("bob", "access");
    AppFixture.awaitApp(fixture.cli(alice), fixture.web, Duration.ofSeconds(60));
    aliceBrowser = AppBrowserSession.login(fixture.clusterCa(), alice, AppFixture.PASSWORD);
    aliceCookie = aliceBrowser.openApp(fixture.web);
    String erin = fixture.user("erin",
        fixture.createRole("apps-brief-" + fixture.suffix, "  max_session_ttl: 1m\n"));
    erinLogin = Instant.now();
    erinBrowser = AppBrowserSession.login(fixture.clusterCa(), erin, AppFixture.PASSWORD);
    erinCookie = erinBrowser.openApp(fixture.web);
    erinStatusBeforeExpiry = erinBrowser.get(fixture.web, "/", erinCookie).status();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void appsListsOnlyTheAppsTheRolesAllowAndLoginPrintsTheUrl() {
    Cli cli = fixture.cli(alice);
    String listed = cli.run("apps", "ls").requireSuccess().stdout();
    assertTrue(listed.contains(fixture.web), listed);
    assertFalse(listed.contains(fixture.dev), listed);
    assertEquals("https://" + AppFixture.host(fixture.web) + "/",
        cli.run("apps", "login", fixture.web).requireSuccess().stdout().strip());
    var refused = cli.run("apps", "login", fixture.dev);
    assertEquals(1, refused.exitCode());
    assertTrue(refused.stderr().contains("no online app '" + fixture.dev + "'"), refused.stderr());
    assertFalse(fixture.cli(bob).run("apps", "ls").requireSuccess().stdout().contains(fixture.web));
  }

  @Test
  void curlWithTheClientCertificateOfAppsLoginReachesTheApp() {
    Cli cli = fixture.cli(alice);
    cli.run("apps", "login", fixture.web).requireSuccess();
    Path certificate = cli.home().resolve("apps/" + fixture.web + ".crt");
    Path key = cli.home().resolve("apps/" + fixture.web + ".key");
    Command.Result withCertificate = curl("--cert", certificate.toString(), "--key", key.toString());
    assertEquals(0, withCertificate.exitCode(), withCertificate.stderr());
    assertTrue(withCertificate.stdout().contains("GET /headers HTTP/1.1"), withCertificate.stdout());
    assertTrue(withCertificate.stdout().contains("Outpost-Jwt-Assertion: "), withCertificate.stdout());

    Command.Result without = curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}");
    assertTrue(without.stdout().startsWith("302 https://" + AppBrowserSession.consoleHost()
        + "/launch.html"), without.stdout() + " " + without.stderr());
  }

  /**
   * With HTTP/2 about one such connection in two hundred failed with {@code decryption failed or
   * bad record mac} at the client; the listener speaks HTTP/1.1 only, and a burst of new
   * connections all decrypt.
   */
  @Test
  void everyConnectionOfABurstSpeaksHttp11AndDecrypts() {
    for (int i = 0; i < 200; i++) {
      Command.Result answer = curl("-o", "/dev/null", "-w", "%{http_code} %{http_version}");
      assertEquals("302 1.1", answer.stdout(), "connection " + i + ": " + answer.stderr());
    }
  }

  @Test
  void anUploadArrivesWhole() throws Exception {
    Cli cli = fixture.cli(alice);
    cli.run("apps", "login", fixture.web).requireSuccess();
    byte[] file = new byte[8 * 1024 * 1024];
    new Random(7).nextBytes(file);
    Path upload = Files.write(cli.home().resolve("upload.bin"), file);
    Command.Result result = curlAt("/upload",
        "--cert", cli.home().resolve("apps/" + fixture.web + ".crt").toString(),
        "--key", cli.home().resolve("apps/" + fixture.web + ".key").toString(),
        "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + upload);
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("received " + file.length + " bytes, sha256 "
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)) + "\n",
        result.stdout(), "8 MiB went up through the proxy and the tunnel unchanged");
  }

  @Test
  void appSessionsAreAudited() {
    fixture.cli(alice).run("apps", "login", fixture.web).requireSuccess();
    List<String> started = auditOf("app.session.start");
    assertTrue(started.stream().anyMatch(line -> line.contains("app session valid until")),
        "the browser's launch started an app session: " + started);
    assertTrue(started.stream().anyMatch(line -> line.contains("client certificate valid until")),
        "apps login issued a certificate: " + started);
  }

  /**
   * The test cluster audits half of the app requests ({@link TestCluster#APP_REQUEST_AUDIT_RATE}):
   * of 40, each on its own path, about half are audited, each as one {@code app.request} with
   * method, path (without the query) and the app's status. Fewer than 6 or more than 34 happen
   * with probability 1.4e-6 at that rate; all 40 with none dropped would mean no sampling.
   */
  @Test
  void requestsAreAuditedAtTheConfiguredRate() {
    int requests = 40;
    String path = "/sampled-";
    for (int i = 0; i < requests; i++) {
      assertEquals(404, aliceBrowser.get(fixture.web, path + i + "?q=" + i, aliceCookie).status());
    }
    // each is audited once its answer has gone back: read until two reads agree
    List<String> audited = null;
    List<String> settled;
    do {
      settled = audited;
      Polling.sleep(2_000);
      audited = auditOf("app.request").stream().filter(line -> line.contains(path)).toList();
    } while (!audited.equals(settled));
    for (String line : audited) {
      assertTrue(line.matches(".*\"GET /sampled-\\d+ 404\".*"), line);
    }
    assertEquals(audited.size(), audited.stream().distinct().count(), "a request audited twice");
    assertTrue(audited.size() >= 6 && audited.size() <= 34,
        audited.size() + " of " + requests + " requests audited at a rate of "
            + TestCluster.APP_REQUEST_AUDIT_RATE + ":\n" + String.join("\n", audited));
  }

  /** This suite's {@code type} events for alice and the web app, one JSON object a line. */
  private List<String> auditOf(String type) {
    return fixture.admin.run("audit", "--since=30m", "--type=" + type, "--user=" + alice,
            "--format=json").requireSuccess().stdout().lines()
        .filter(line -> line.contains("\"" + fixture.web + "\"")).toList();
  }

  /**
   * curl on this app's URL. TLS is checked for {@code localhost} and the app named by {@code Host}:
   * curl does not accept a wildcard directly below a top-level name ({@code *.localhost}), as it
   * does for a real apps domain such as {@code *.proxy.example.com}.
   */
  private Command.Result curl(String... options) {
    return curlAt("/headers", options);
  }

  private Command.Result curlAt(String path, String... options) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--cacert",
        fixture.clusterCa().toString(), "-H", "Host: " + AppFixture.host(fixture.web)));
    command.addAll(List.of(options));
    command.add("https://" + TestCluster.localProxy() + path);
    return Command.run(command, Map.of(), null, Duration.ofSeconds(30));
  }

  @Test
  void withoutAnAppCookieTheBrowserGoesThroughTheConsoleLogin() {
    RawHttps.Response answer = aliceBrowser.get(fixture.web, "/headers?x=1", null);
    assertEquals(302, answer.status());
    assertEquals("https://" + AppBrowserSession.consoleHost() + "/launch.html?app=" + fixture.web
        + "&path=%2Fheaders%3Fx%3D1", answer.header("Location").orElseThrow());
  }

  @Test
  void pagesFormsRedirectsAndCookiesWorkThroughTheProxy() {
    RawHttps.Response page = aliceBrowser.get(fixture.web, "/", aliceCookie);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Upstream home"), page.body());
    assertTrue(page.header("Content-Security-Policy").isEmpty(), "console headers leaked to the app");

    String form = "msg=hello+app";
    RawHttps.Response posted = aliceBrowser.raw(fixture.web, "POST /form HTTP/1.1\r\nHost: "
        + AppFixture.host(fixture.web) + "\r\nCookie: " + aliceCookie
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
        + "\r\nConnection: close", form);
    assertEquals(200, posted.status());
    assertTrue(posted.body().contains("posted: msg=hello+app"), posted.body());

    RawHttps.Response chunked = aliceBrowser.raw(fixture.web, "POST /form HTTP/1.1\r\nHost: "
        + AppFixture.host(fixture.web) + "\r\nCookie: " + aliceCookie
        + "\r\nTransfer-Encoding: chunked\r\nConnection: close", "5\r\nhello\r\n0\r\n\r\n");
    assertTrue(chunked.body().contains("posted: hello"), chunked.body());

    assertEquals("https://" + AppFixture.host(fixture.web) + "/landing?from=redirect",
        aliceBrowser.get(fixture.web, "/redirect", aliceCookie).header("Location").orElseThrow());
    assertEquals("https://example.invalid/x",
        aliceBrowser.get(fixture.web, "/elsewhere", aliceCookie).header("Location").orElseThrow());

    List<String> cookies = aliceBrowser.get(fixture.web, "/cookie", aliceCookie).headers("Set-Cookie");
    assertEquals(List.of("flavour=oat; Path=/; HttpOnly"), cookies);
  }

  @Test
  void theUpstreamSeesItsOwnHostOurForwardingHeadersAndNoProxySecrets() throws Exception {
    RawHttps.Response echoed = aliceBrowser.raw(fixture.web, "GET /headers HTTP/1.1\r\nHost: "
        + AppFixture.host(fixture.web) + "\r\nCookie: theme=dark; " + aliceCookie
        + "\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6"
        + "\r\nOutpost-Jwt-Assertion: forged\r\nConnection: close", "");
    assertEquals(200, echoed.status(), echoed.body());
    HttpHead seen = HttpHead.read(new java.io.ByteArrayInputStream(
        (echoed.body() + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("GET /headers HTTP/1.1", seen.startLine());
    assertEquals("127.0.0.1:" + AppFixture.UPSTREAM_PORT, seen.header("Host").orElseThrow());
    assertEquals(AppFixture.host(fixture.web), seen.header("X-Forwarded-Host").orElseThrow());
    assertEquals("https", seen.header("X-Forwarded-Proto").orElseThrow());
    assertNotEquals("6.6.6.6", seen.header("X-Forwarded-For").orElseThrow());
    assertTrue(seen.header("Forwarded").isEmpty(), echoed.body());
    assertEquals("theme=dark", seen.header("Cookie").orElseThrow());
    assertEquals(1, seen.headers().stream().filter(h -> h.is("Outpost-Jwt-Assertion")).count());
    verifyAssertion(seen.header("Outpost-Jwt-Assertion").orElseThrow());
  }

  private void verifyAssertion(String jwt) throws Exception {
    RawHttps.Response keys = RawHttps.exchange(fixture.clusterCa(), AppBrowserSession.CONSOLE_HOST,
        "GET /.well-known/jwks.json HTTP/1.1\r\nHost: " + AppBrowserSession.consoleHost()
            + "\r\nConnection: close", "");
    assertEquals(200, keys.status(), keys.body());
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
        new ImmutableJWKSet<>(JWKSet.parse(keys.body()))));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
        "https://" + AppFixture.host(fixture.web),
        new JWTClaimsSet.Builder().subject(alice).claim("app", fixture.web)
            .issuer("https://" + AppBrowserSession.consoleHost()).build(),
        Set.of("exp", "iat", "jti")));
    JWTClaimsSet claims = processor.process(jwt, null);
    assertTrue(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime() <= 60_000);
    assertEquals(List.of(fixture.role), claims.getStringListClaim("roles"));
  }

  @Test
  void serverSentEventsArriveAsTheAppSendsThem() throws IOException {
    try (RawHttps connection = RawHttps.connect(fixture.clusterCa(),
        fixture.web + "." + TestCluster.APPS_DOMAIN)) {
      long start = System.nanoTime();
      InputStream body = events(connection);
      String first = readUntil(body, "\n\n");
      long firstMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertEquals("data: tick 1\n\n", first);
      assertTrue(firstMillis < 900, "first event took " + firstMillis + " ms: buffered, not streamed");
      assertEquals("data: tick 2\n\n", readUntil(body, "\n\n"));
    }
  }

  /**
   * Regression: each event stream holds a proxy worker thread for its 3 seconds, and the proxy
   * reads the tunnel's frames on the same pool; with Payara's default 5 threads, a few streams at
   * once left none to read the app's answers, and every request waited for the 30-second stream
   * timeout and ended in a 502 ("peer did not answer OPEN").
   */
  @Test
  void manyRequestsAtOnceAreAllAnswered() throws Exception {
    int streams = 12;
    CountDownLatch allStreaming = new CountDownLatch(streams);
    ExecutorService clients = Executors.newFixedThreadPool(streams);
    try {
      List<Future<String>> second = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        second.add(clients.submit(() -> {
          try (RawHttps connection = RawHttps.connect(fixture.clusterCa(),
              fixture.web + "." + TestCluster.APPS_DOMAIN)) {
            InputStream body = events(connection);
            assertEquals("data: tick 1\n\n", readUntil(body, "\n\n"));
            allStreaming.countDown();
            return readUntil(body, "\n\n");
          }
        }));
      }
      assertTrue(allStreaming.await(20, TimeUnit.SECONDS), allStreaming.getCount() + " of "
          + streams + " event streams got no first event within 20 s");
      long start = System.nanoTime();
      assertEquals(200, aliceBrowser.get(fixture.web, "/", aliceCookie).status());
      long pageMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(pageMillis < 5_000, "a page took " + pageMillis + " ms beside " + streams
          + " event streams");
      for (Future<String> stream : second) {
        assertEquals("data: tick 2\n\n", stream.get(20, TimeUnit.SECONDS));
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** Asks for the app's event stream on {@code connection}; the body, ready to read. */
  private static InputStream events(RawHttps connection) throws IOException {
    connection.send("GET /events HTTP/1.1\r\nHost: " + AppFixture.host(fixture.web)
        + "\r\nCookie: " + aliceCookie + "\r\nAccept: text/event-stream\r\nConnection: close", "");
    HttpHead head = connection.head();
    assertTrue(head.startLine().contains(" 200 "), head.startLine());
    return head.lists("Transfer-Encoding", "chunked")
        ? new dev.outpost.tunnel.http.ChunkedInputStream(connection.in) : connection.in;
  }

  @Test
  void webSocketsEchoThroughTheProxy() throws IOException {
    try (RawHttps connection = RawHttps.connect(fixture.clusterCa(),
        fixture.web + "." + TestCluster.APPS_DOMAIN)) {
      connection.send("GET /ws HTTP/1.1\r\nHost: " + AppFixture.host(fixture.web)
          + "\r\nCookie: " + aliceCookie + "\r\nConnection: Upgrade\r\nUpgrade: websocket"
          + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "");
      HttpHead head = connection.head();
      assertTrue(head.startLine().contains(" 101 "), head.toString());
      assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head.header("Sec-WebSocket-Accept").orElseThrow());
      for (String message : List.of("hello", "x".repeat(300))) {
        WebSocketFrames.write(connection.out, 1, message.getBytes(StandardCharsets.UTF_8), true);
        WebSocketFrames.Frame echo = WebSocketFrames.read(connection.in);
        assertEquals(message, new String(echo.payload(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void chromiumLogsInThroughTheConsoleAndUsesTheApp() {
    Assumptions.assumeTrue(Browser.installed(),
        "the browser test needs Debian's chromium and chromium-driver (see .ci/run)");
    Duration wait = Duration.ofSeconds(30);
    try (Browser browser = new Browser()) {
      browser.driver.get("https://" + AppFixture.host(fixture.web) + "/");
      browser.await(d -> d.findElement(By.id("login-form")).isDisplayed(), wait);
      assertTrue(browser.driver.getCurrentUrl().startsWith(
          "https://" + AppBrowserSession.consoleHost() + "/launch.html?app=" + fixture.web),
          browser.driver.getCurrentUrl());
      browser.driver.findElement(By.id("user")).sendKeys(alice);
      browser.driver.findElement(By.id("password")).sendKeys(AppFixture.PASSWORD);
      browser.driver.findElement(By.id("login")).click();
      assertEquals("Upstream home",
          browser.await(d -> d.findElement(By.id("title")).getText(), wait));
      assertEquals("https://" + AppFixture.host(fixture.web) + "/", browser.driver.getCurrentUrl());

      browser.driver.findElement(By.id("ws-in")).sendKeys("echo-" + fixture.suffix);
      browser.await(d -> {
        d.findElement(By.id("ws-send")).click();
        return d.findElement(By.id("ws-out")).getText().equals("echo-" + fixture.suffix);
      }, wait);

      browser.driver.findElement(By.id("msg")).sendKeys("from chromium");
      browser.driver.findElement(By.id("send")).click();
      assertEquals("posted: msg=from+chromium",
          browser.await(d -> d.findElement(By.id("posted")).getText(), wait));

      browser.driver.get("https://" + AppBrowserSession.consoleHost() + "/console.html");
      browser.await(d -> !d.findElements(By.cssSelector(
          "tr[data-app='" + fixture.web + "'] a.open-app")).isEmpty(), wait);
      assertTrue(browser.driver.findElements(By.cssSelector("tr[data-app='" + fixture.dev + "']"))
          .isEmpty(), "the console lists an app the roles do not allow");
    }
  }

  @Test
  void usersWithoutMatchingAppLabelsAreRefused() {
    AppBrowserSession bobBrowser = AppBrowserSession.login(fixture.clusterCa(), bob,
        AppFixture.PASSWORD);
    RawHttps.Response refused = bobBrowser.launch(fixture.web, "/");
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("deny by default"), refused.body());
    assertEquals(403, aliceBrowser.launch(fixture.dev, "/").status());
  }

  @Test
  void forgedOrForeignAppCookiesAreRefused() {
    assertEquals(302, aliceBrowser.get(fixture.web, "/", "__Host-outpost-app=forged").status());
    assertEquals(302, aliceBrowser.get(fixture.dev, "/", aliceCookie).status(),
        "the cookie of one app opened another");
    RawHttps.Response reused = aliceBrowser.get(fixture.web, "/.outpost/launch?code=made-up", null);
    assertEquals(401, reused.status());
  }

  @Test
  void hostAndTargetTricksNeverReachAnotherUpstream() {
    String host = AppFixture.host(fixture.web);
    for (String target : List.of("http://127.0.0.1:22/headers", "//evil.example/headers",
        "@evil.example/headers", "http://evil.example@127.0.0.1:22/")) {
      RawHttps.Response answer = aliceBrowser.raw(fixture.web, "GET " + target
          + " HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + aliceCookie + "\r\nConnection: close", "");
      // Refused, or routed by the absolute URI's own authority (RFC 9112) to the proxy's console
      // rather than to any app, or the configured upstream with an origin-form target.
      boolean refused = answer.status() >= 400;
      boolean notAnApp = answer.body().contains("<title>Outpost");
      boolean originForm = answer.body().startsWith("GET /") && !answer.body().startsWith("GET //");
      assertTrue(refused || notAnApp || originForm,
          target + " → " + answer.status() + " " + answer.body());
    }
    RawHttps.Response otherHost = aliceBrowser.raw(fixture.web, "GET /headers HTTP/1.1\r\nHost: "
        + "127.0.0.1:" + AppFixture.UPSTREAM_PORT + "\r\nCookie: " + aliceCookie
        + "\r\nConnection: close", "");
    assertFalse(otherHost.body().contains("GET /headers HTTP/1.1"), otherHost.body());
  }

  @Test
  void aLockedUserIsRefusedAtTheNextRequest() {
    String carol = fixture.user("carol", fixture.role);
    AppBrowserSession browser = AppBrowserSession.login(fixture.clusterCa(), carol,
        AppFixture.PASSWORD);
    String cookie = browser.openApp(fixture.web);
    assertEquals(200, browser.get(fixture.web, "/", cookie).status());
    fixture.admin.run("admin", "lock", "--user=" + carol, "--ttl=10m", "--message=app lock test")
        .requireSuccess();
    RawHttps.Response locked = browser.get(fixture.web, "/", cookie);
    assertEquals(403, locked.status(), locked.body());
    assertTrue(locked.body().contains("is locked"), locked.body());
  }

  @Test
  void logoutEndsTheAppSession() {
    AppBrowserSession browser = AppBrowserSession.login(fixture.clusterCa(), alice,
        AppFixture.PASSWORD);
    String cookie = browser.openApp(fixture.web);
    assertEquals(200, browser.get(fixture.web, "/", cookie).status());
    browser.logout();
    assertEquals(302, browser.get(fixture.web, "/", cookie).status());
  }

  /**
   * Runs last: Erin logged in before the other tests, so that they use up most of her minute.
   * After it, her app cookie gets what any invalid one gets: the way back to the console login
   * for a browser's GET, 401 otherwise; and her console session has ended with it.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void anAppCookieExpiresWithItsSessionAtTheRolesMaxSessionTtl() {
    assertEquals(200, erinStatusBeforeExpiry, "the cookie worked before its session expired");
    Duration lifetime = Duration.between(erinLogin, erinBrowser.expires);
    assertTrue(lifetime.compareTo(Duration.ofSeconds(59)) >= 0
        && lifetime.compareTo(Duration.ofSeconds(65)) <= 0, "session lasts " + lifetime);
    Duration left = Duration.between(Instant.now(), erinBrowser.expires.plusSeconds(1));
    if (!left.isNegative()) {
      Polling.sleep(left.toMillis());
    }

    RawHttps.Response expired = erinBrowser.get(fixture.web, "/headers", erinCookie);
    assertEquals(302, expired.status(), expired.body());
    assertEquals("https://" + AppBrowserSession.consoleHost() + "/launch.html?app=" + fixture.web
        + "&path=%2Fheaders", expired.header("Location").orElseThrow());
    RawHttps.Response posted = erinBrowser.raw(fixture.web, "POST /form HTTP/1.1\r\nHost: "
        + AppFixture.host(fixture.web) + "\r\nCookie: " + erinCookie
        + "\r\nContent-Length: 0\r\nConnection: close", "");
    assertEquals(401, posted.status(), posted.body());
    assertEquals(401, erinBrowser.launch(fixture.web, "/").status(),
        "the console session has expired with the app session");
  }

  private static String readUntil(InputStream in, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      text.append((char) b);
    }
    return text.toString();
  }
}
