package dev.outpost.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.it.TestCluster;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's API and terminal WebSocket without a browser: what a hostile page or script is
 * refused (foreign Origin, another user's token, no CSRF token, a dead session), and 50 terminals
 * at once each echoing 1 MiB through the node intact and in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalProtocolIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  /**
   * For the fifty echoes together: they share the machine's cores with the proxy, the agent and
   * the rest of the suite, and this test checks integrity and order; bench/terminal-latency.sh
   * measures speed.
   */
  private static final Duration BULK_TIMEOUT = Duration.ofMinutes(10);
  private static final int CHUNK = 8 * 1024;
  /** Bounds what each terminal has buffered along the path, so 50 of them fit a small agent. */
  private static final int IN_FLIGHT = 128 * 1024;
  private ConsoleFixture fixture;
  private ConsoleHttp.Session alice;
  private ConsoleHttp.Session bob;

  @BeforeAll
  void start() {
    fixture = ConsoleFixture.start("proto");
    alice = ConsoleHttp.session(fixture.user("alice"), ConsoleFixture.PASSWORD);
    bob = ConsoleHttp.session(fixture.user("bob"), ConsoleFixture.PASSWORD);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void upgradeFromAForeignOriginIsRefused() {
    assertUpgradeRefused("https://evil.example", alice.cookie(), alice.csrf(), 403);
    assertUpgradeRefused("https://" + TestCluster.localProxy() + ".evil.example", alice.cookie(), alice.csrf(), 403);
  }

  @Test
  void upgradeWithAnotherUsersTokenIsRefused() {
    assertUpgradeRefused(ConsoleHttp.ORIGIN, alice.cookie(), bob.csrf(), 403);
    assertUpgradeRefused(ConsoleHttp.ORIGIN, "__Host-outpost-session=forged", alice.csrf(), 401);
  }

  @Test
  void stateChangingRequestWithoutCsrfTokenIsRefused() {
    ConsoleHttp.Session carol = ConsoleHttp.session(fixture.user("carol"), ConsoleFixture.PASSWORD);
    HttpResponse<String> refused = ConsoleHttp.change("POST", "/api/v1/console/logout", carol, Optional.empty());
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("CSRF"), refused.body());
    assertEquals(200, ConsoleHttp.get("/api/v1/console/session", carol).statusCode(), "still logged in");
  }

  @Test
  void logoutEndsTheSessionServerSide() {
    ConsoleHttp.Session dave = ConsoleHttp.session(fixture.user("dave"), ConsoleFixture.PASSWORD);
    HttpResponse<String> out = ConsoleHttp.change("POST", "/api/v1/console/logout", dave, Optional.of(dave.csrf()));
    assertEquals(200, out.statusCode(), out.body());
    assertFalse(out.body().contains("http"), "a local user is offered no provider logout: " + out.body());
    HttpResponse<String> after = ConsoleHttp.get("/api/v1/console/nodes", dave);
    assertEquals(401, after.statusCode(), "the old cookie is dead: " + after.body());
  }

  @Test
  void sessionCookieIsHttpOnlySecureAndStrict() {
    HttpResponse<String> login = ConsoleHttp.login(fixture.user("erin"), ConsoleFixture.PASSWORD);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("__Host-outpost-session="), cookie);
    for (String attribute : List.of("HttpOnly", "Secure", "SameSite=Strict", "Path=/")) {
      assertTrue(cookie.contains(attribute), cookie);
    }
    String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(policy.contains("script-src 'self';"), policy);
  }

  @Test
  void aLockOnTheUserEndsHerOpenTerminalWithTheLocksMessage() throws Exception {
    ConsoleHttp.Session dana = ConsoleHttp.session(fixture.user("dana"), ConsoleFixture.PASSWORD);
    TerminalClient client = new TerminalClient();
    ConsoleHttp.terminal(ConsoleHttp.ORIGIN, dana.cookie(), dana.csrf(), fixture.node, "root", client)
        .get(60, TimeUnit.SECONDS);
    try {
      client.session.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      fixture.admin.run("admin", "lock", "--user=dana-" + fixture.suffix, "--ttl=10m",
          "--message=terminal incident").requireSuccess();

      String ended = client.ended.get(30, TimeUnit.SECONDS);
      assertTrue(ended.contains("session ended") && ended.contains("terminal incident"), ended);
    } finally {
      client.close();
    }
  }

  @Test
  void fiftyTerminalsEachEchoOneMebibyteIntactAndInOrder() throws Exception {
    int terminals = 50;
    int size = 1024 * 1024;
    ExecutorService pool = Executors.newFixedThreadPool(terminals);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < terminals; i++) {
        long seed = i;
        results.add(pool.submit(() -> echo(seed, size)));
      }
      long deadline = System.nanoTime() + BULK_TIMEOUT.toNanos();
      for (Future<String> result : results) {
        assertEquals("intact", result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One terminal: raw mode, {@code cat}, 1 MiB of seeded text in, the same 1 MiB back. */
  private String echo(long seed, int size) throws Exception {
    TerminalClient client = new TerminalClient();
    ConsoleHttp.terminal(ConsoleHttp.ORIGIN, alice.cookie(), alice.csrf(), fixture.node, "root", client)
        .get(60, TimeUnit.SECONDS);
    try {
      client.session.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      client.type("stty raw -echo; printf 'RE''ADY\\n'; exec cat\r", CHUNK);
      client.awaitAfter("READY\n", 0, TIMEOUT);
      String data = text(seed, size);
      // Like a paste that waits for its echo: at most IN_FLIGHT characters ahead of what came back.
      for (int sent = 0; sent < size; sent += CHUNK) {
        client.awaitLength("READY\n", Math.max(0, sent - IN_FLIGHT), BULK_TIMEOUT);
        client.type(data.substring(sent, Math.min(size, sent + CHUNK)), CHUNK);
      }
      String back = client.awaitAfter("READY\n", size, BULK_TIMEOUT);
      if (!back.equals(data)) {
        int at = 0;
        while (back.charAt(at) == data.charAt(at)) {
          at++;
        }
        return "terminal " + seed + " differs at offset " + at;
      }
      return "intact";
    } finally {
      client.close();
    }
  }

  private static String text(long seed, int size) {
    Random random = new Random(seed);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-\n";
    StringBuilder text = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private void assertUpgradeRefused(String origin, String cookie, String csrf, int status) {
    TerminalClient client = new TerminalClient();
    CompletableFuture<?> upgrade = ConsoleHttp.terminal(origin, cookie, csrf, fixture.node, "root", client);
    try {
      upgrade.get(60, TimeUnit.SECONDS);
      throw new AssertionError("upgrade from " + origin + " was accepted: " + client.ended.getNow("no message"));
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof WebSocketHandshakeException refused)) {
        throw new AssertionError("expected a refused handshake", e);
      }
      assertEquals(status, refused.getResponse().statusCode());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
