package dev.outpost.it.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Polling;
import dev.outpost.it.Cli;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import dev.outpost.it.console.Browser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Single sign-on with a real Keycloak: an admin adds the connector with the CLI; users sign in to
 * the console through Keycloak's own login page in headless Chromium and land with the roles
 * their groups map to; a user in no mapped group is refused and told why; states work once,
 * only in the browser that started them, and only with a redirect URL on the allowlist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SsoIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PROXY = "https://" + TestCluster.localProxy();
  private static final String NO_ROLE =
      "you have no Outpost role: none of your Keycloak groups maps to one; ask an admin";

  private Cli admin;

  @BeforeAll
  void start() throws IOException {
    Assumptions.assumeTrue(KeycloakServer.installed(),
        "the single sign-on tests need the Keycloak distribution the it build unpacks");
    Assumptions.assumeTrue(Browser.installed(),
        "the single sign-on tests need Debian's chromium and chromium-driver (see .ci/run)");
    KeycloakServer.get();
    admin = Cli.fresh("sso-admin").login("admin", TestCluster.ADMIN_PASSWORD);
    Path resource = admin.home().resolve("keycloak.yaml");
    Files.writeString(resource, """
        kind: oidc
        name: keycloak
        display: Keycloak
        issuer_url: %s
        client_id: %s
        client_secret: %s
        redirect_url: [%s/api/v1/console/sso/callback, http://127.0.0.1/callback]
        claims_to_roles:
          - {claim: groups, value: field-techs, roles: [access]}
          - {claim: groups, value: edge-admins, roles: [admin, access]}
        traits: {logins: unix_logins}
        """.formatted(KeycloakServer.ISSUER, KeycloakServer.CLIENT_ID,
        KeycloakServer.CLIENT_SECRET, PROXY));
    assertEquals("SSO connector keycloak created.",
        admin.run("admin", "sso", "create", "-f", resource.toString()).requireSuccess()
            .stdout().strip());
  }

  @AfterAll
  void removeConnector() {
    if (admin != null) {
      admin.run("admin", "sso", "rm", "keycloak");
    }
  }

  @Test
  @Order(1)
  void theConnectorIsListedWithoutItsSecret() {
    String listing = admin.run("admin", "sso", "ls", "--format=json").requireSuccess().stdout();
    JsonNode connector = AdminTasks.json(listing).get(0);
    assertEquals("keycloak", connector.get("name").asText());
    assertEquals(KeycloakServer.ISSUER, connector.get("issuer_url").asText());
    assertFalse(listing.contains(KeycloakServer.CLIENT_SECRET), listing);
  }

  @Test
  @Order(2)
  void aTechnicianSignsInThroughKeycloakAndLandsInTheConsoleWithTheMappedRole() {
    try (Browser browser = new Browser()) {
      browser.open("/");
      browser.await(d -> d.findElement(By.id("sso-keycloak")), WAIT).click();
      // Keycloak's own login page, on its own origin.
      WebElement username = browser.await(d -> d.findElement(By.id("username")), WAIT);
      assertTrue(browser.driver.getCurrentUrl().startsWith(KeycloakServer.ISSUER),
          browser.driver.getCurrentUrl());
      username.sendKeys("alice");
      browser.driver.findElement(By.id("password")).sendKeys("alice-pass");
      browser.driver.findElement(By.id("kc-login")).click();
      WebElement who = browser.await(d -> {
        WebElement shown = d.findElement(By.id("who"));
        return shown.getText().isEmpty() ? null : shown;
      }, WAIT);
      assertEquals("alice", who.getText());
      assertTrue(browser.driver.getCurrentUrl().endsWith("/console.html"));
      JsonNode session = AdminTasks.json((String) browser.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "fetch('/api/v1/console/session').then(r => r.text()).then(done);"));
      assertEquals(List.of("access"), strings(session.get("roles")));
      assertEquals(List.of("tech"), strings(session.get("logins")));

      JsonNode login = awaitLoginAudit("alice");
      assertTrue(login.get("reason").asText().startsWith("method=oidc connector=keycloak"),
          login.toString());

      browser.driver.findElement(By.id("logout")).click();
      browser.await(d -> d.getCurrentUrl().endsWith("/index.html") ? true : null, WAIT);
      Object status = browser.driver.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "fetch('/api/v1/console/session').then(r => done(r.status));");
      assertEquals(401L, status);

      // The login page offers Keycloak's logout; after it, signing in asks for the password again.
      WebElement providerLogout = browser.await(
          d -> d.findElement(By.id("sso-logout")).isDisplayed() ? d.findElement(By.id("sso-logout"))
              : null, WAIT);
      assertTrue(providerLogout.getAttribute("href").startsWith(KeycloakServer.ISSUER),
          providerLogout.getAttribute("href"));
      providerLogout.click();
      browser.await(d -> d.findElement(By.id("kc-logout")), WAIT).click();
      browser.await(d -> d.getCurrentUrl().startsWith(PROXY) ? true : null, WAIT);
      browser.await(d -> d.findElement(By.id("sso-keycloak")), WAIT).click();
      browser.await(d -> d.findElement(By.id("username")), WAIT);
      assertTrue(browser.driver.getCurrentUrl().startsWith(KeycloakServer.ISSUER),
          "Keycloak asks who signs in: " + browser.driver.getCurrentUrl());
    }
  }

  @Test
  @Order(3)
  void groupsDecideTheRolesAtEverySignIn() {
    SsoHttp agent = new SsoHttp();
    HttpResponse<String> landed = agent.get(agent.signInAtKeycloak(PROXY, "carol", "carol-pass"));
    assertEquals(303, landed.statusCode(), landed.body());
    assertEquals(URI.create(PROXY + "/console.html"), SsoHttp.location(landed));
    JsonNode session = AdminTasks.json(agent.get(URI.create(PROXY + "/api/v1/console/session"))
        .body());
    assertEquals("carol", session.get("user").asText());
    assertEquals(List.of("access", "admin"), strings(session.get("roles")));
    assertEquals(List.of("root", "tech"), strings(session.get("logins")));
  }

  @Test
  @Order(4)
  void aUserInNoMappedGroupIsRefusedWithAMessageThatSaysSo() {
    try (Browser browser = new Browser()) {
      browser.open("/");
      browser.await(d -> d.findElement(By.id("sso-keycloak")), WAIT).click();
      browser.await(d -> d.findElement(By.id("username")), WAIT).sendKeys("dave");
      browser.driver.findElement(By.id("password")).sendKeys("dave-pass");
      browser.driver.findElement(By.id("kc-login")).click();
      WebElement error = browser.await(d -> {
        WebElement shown = d.findElement(By.id("login-error"));
        return shown.isDisplayed() ? shown : null;
      }, WAIT);
      assertEquals(NO_ROLE, error.getText());
    }
  }

  @Test
  @Order(5)
  void aStateWorksOnceAndOnlyInTheBrowserThatStartedIt() {
    SsoHttp agent = new SsoHttp();
    URI callback = agent.signInAtKeycloak(PROXY, "alice", "alice-pass");
    assertEquals("this sign-in was not started in this browser: start again",
        SsoHttp.loginError(new SsoHttp().get(callback)));
    assertEquals(URI.create(PROXY + "/console.html"), SsoHttp.location(agent.get(callback)));
    assertEquals("this sign-in was not started in this browser: start again",
        SsoHttp.loginError(agent.get(callback)), "the binding cookie is cleared after use");
    // Even with the state's binding cookie, a spent state is refused.
    assertEquals("this sign-in link is no longer valid: start again",
        SsoHttp.loginError(new SsoHttp().getBound(callback)));
  }

  @Test
  @Order(6)
  void aRedirectUrlOffTheAllowlistIsRefusedBeforeKeycloakIsAsked() {
    String other = "https://127.0.0.1:" + TestCluster.HTTPS_PORT;
    HttpResponse<String> refused = new SsoHttp().start(other);
    assertEquals("redirect URL " + other + "/api/v1/console/sso/callback is not allowed for "
        + "Keycloak", SsoHttp.loginError(refused));
  }

  @Test
  @Order(7)
  void theCliSignsInThroughItsLoopbackListenerForCertificatesCappedByTheKeycloakSession()
      throws Exception {
    Cli cli = Cli.fresh("sso-cli");
    List<String> command = new ArrayList<>(Cli.javaJar());
    command.addAll(List.of("login", "--proxy=" + TestCluster.localProxy(), "--auth=oidc",
        "--insecure", "--ttl=8h"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OUTPOST_HOME", cli.home().toString());
    Process login = builder.start();
    StringBuilder output = new StringBuilder();
    try (var lines = new BufferedReader(new InputStreamReader(
        login.getInputStream(), StandardCharsets.UTF_8))) {
      // Read only up to the URL: the CLI prints nothing more until the sign-in is done.
      String url = null;
      for (String line; url == null && (line = lines.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.strip().startsWith(KeycloakServer.ISSUER)) {
          url = line.strip();
        }
      }
      assertTrue(url != null, "no sign-in URL printed: " + output);
      SsoHttp browser = new SsoHttp();
      URI loopback = browser.signInAt(URI.create(url), "carol", "carol-pass");
      assertTrue(loopback.toString().startsWith("http://127.0.0.1:"), loopback.toString());
      HttpResponse<String> page = browser.get(loopback);
      assertTrue(page.body().contains("Signed in"), page.body());
      lines.lines().forEach(line -> output.append(line).append('\n'));
    }
    assertTrue(login.waitFor(60, TimeUnit.SECONDS), output.toString());
    assertEquals(0, login.exitValue(), output.toString());
    assertTrue(output.toString().contains("Logged in as carol"), output.toString());

    JsonNode status = cli.json("status", "--format=json");
    assertEquals(List.of("access", "admin"), strings(status.get("roles")));
    Instant expires = Instant.parse(status.get("expires").asText());
    // Keycloak's session idles out after 30 minutes: the certificates end with it, not in 8 h.
    assertTrue(expires.isBefore(Instant.now().plus(Duration.ofMinutes(31))),
        "certificates valid until " + expires);
    assertEquals(0, cli.run("ls").exitCode(), "the certificates work against the proxy");
  }

  @Test
  @Order(8)
  void aHeadlessCliSignsInWithACodeThatASecondBrowserSessionEnters() throws Exception {
    Cli cli = Cli.fresh("sso-headless");
    List<String> command = new ArrayList<>(Cli.javaJar());
    command.addAll(List.of("login", "--proxy=" + TestCluster.localProxy(), "--auth=oidc",
        "--headless", "--insecure"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OUTPOST_HOME", cli.home().toString());
    Process login = builder.start();
    StringBuilder output = new StringBuilder();
    BufferedReader lines = new BufferedReader(new InputStreamReader(login.getInputStream(),
        StandardCharsets.UTF_8));
    String url = null;
    String code = null;
    for (String line; code == null && (line = lines.readLine()) != null; ) {
      output.append(line).append('\n');
      if (line.strip().startsWith(KeycloakServer.ISSUER)) {
        url = line.strip();
      } else if (line.startsWith("Code: ")) {
        code = line.substring("Code: ".length()).strip();
      }
    }
    assertTrue(url != null && code != null, "no URL and code printed: " + output);
    assertTrue(url.contains(code), "the complete verification URL carries the code: " + url);
    Thread drain = new Thread(() -> lines.lines().forEach(l -> output.append(l).append('\n')));
    drain.start();
    try (Browser browser = new Browser()) {
      browser.driver.get(url);
      String userCode = code;
      WebElement first = browser.await(d -> d.findElements(By.cssSelector("#username, "
          + "#device-user-code")).stream().findFirst().orElse(null), WAIT);
      if ("device-user-code".equals(first.getAttribute("id"))) {
        first.sendKeys(userCode);
        browser.driver.findElement(By.cssSelector("input[type=submit]")).click();
      }
      browser.await(d -> d.findElement(By.id("username")), WAIT).sendKeys("alice");
      browser.driver.findElement(By.id("password")).sendKeys("alice-pass");
      browser.driver.findElement(By.id("kc-login")).click();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (login.isAlive() && System.nanoTime() < deadline) {
        // Keycloak may ask to grant the device access; yes.
        browser.driver.findElements(By.name("accept")).stream().findFirst()
            .ifPresent(WebElement::click);
        Polling.sleep(500);
      }
    }
    assertTrue(login.waitFor(30, TimeUnit.SECONDS), output.toString());
    drain.join(5000);
    assertEquals(0, login.exitValue(), output.toString());
    assertTrue(output.toString().contains("Logged in as alice"), output.toString());
    JsonNode status = cli.json("status", "--format=json");
    assertEquals(List.of("access"), strings(status.get("roles")));
    assertEquals(List.of("tech"), strings(status.get("logins")));
  }

  private JsonNode awaitLoginAudit(String user) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String lines = admin.run("audit", "--since=1h", "--type=user.login", "--format=json")
          .requireSuccess().stdout();
      // One JSON object per line.
      for (JsonNode event : lines.lines().filter(line -> !line.isBlank()).map(Cli::parseJson)
          .toList()) {
        if (user.equals(event.path("actor").asText())) {
          return event;
        }
      }
      Polling.sleep(500);
    }
    throw new AssertionError("no user.login event for " + user);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values.stream().sorted().toList();
  }
}
