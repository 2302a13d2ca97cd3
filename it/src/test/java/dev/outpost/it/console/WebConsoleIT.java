package dev.outpost.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Command;
import dev.outpost.it.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web console as a technician uses it, in headless Chromium: a wrong password is refused with
 * one message; after logging in the agent's node is listed and can be filtered; a terminal opens
 * on it, echoes, follows the window's size, runs a full-screen program; closing the tab, or the
 * sessions list's Close, ends the session in the audit log. The list follows the agent's link
 * (reconnecting, online, offline, stale) without a reload. Hostile names and labels stay text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern SIZE = Pattern.compile("size-(\\d+) (\\d+)");

  private ConsoleFixture fixture;
  private Browser browser;
  private String user;

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(Browser.installed(),
        "web console browser tests need Debian's chromium and chromium-driver (see .ci/run)");
    fixture = ConsoleFixture.start("web");
    user = fixture.user("tech");
    browser = new Browser();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void wrongPasswordOrUnknownUserGiveOneClearMessage() {
    for (String name : List.of(user, "nobody-" + fixture.suffix)) {
      browser.open("/");
      submitLogin(name, "not the password");
      WebElement error = browser.await(d -> {
        WebElement shown = d.findElement(By.id("login-error"));
        return shown.isDisplayed() ? shown : null;
      }, WAIT);
      assertEquals("invalid user name, password or one-time code", error.getText());
    }
  }

  @Test
  @Order(2)
  void loginListsTheAgentsNodeWithLabelsAndFilters() {
    browser.open("/");
    submitLogin(user, ConsoleFixture.PASSWORD);
    nodeRow();
    assertEquals("online", browser.await(d -> nodeRow().findElement(By.cssSelector("td:nth-child(3)")).getText(), WAIT));
    assertEquals("env=edge", browser.await(d -> nodeRow().findElement(By.cssSelector(".label")).getText(), WAIT));

    WebElement filter = browser.driver.findElement(By.id("filter-text"));
    filter.sendKeys("no-such-node-" + fixture.suffix);
    browser.await(d -> d.findElements(By.cssSelector("#node-rows tr")).isEmpty(), WAIT);
    filter.clear();
    filter.sendKeys(fixture.node);
    browser.await(d -> d.findElements(By.cssSelector("#node-rows tr")).size() == 1, WAIT);
    browser.await(d -> {
      d.findElement(By.cssSelector("#filter-label option[value='env=edge']")).click();
      return true;
    }, WAIT);
    nodeRow();
  }

  @Test
  @Order(3)
  void terminalEchoesFollowsResizeRunsFullScreenProgramAndEndsWhenClosed() {
    String session = openTerminal();

    type("echo hello-" + fixture.suffix);
    awaitLine(line -> line.equals("hello-" + fixture.suffix));

    int[] before = sttySize("a");
    browser.driver.manage().window().setSize(new Dimension(800, 500));
    int[] after = sttySize("b");
    assertNotEquals(before[0], after[0], "rows follow the window");
    assertNotEquals(before[1], after[1], "columns follow the window");

    type("top -d 1");
    awaitLine(line -> line.contains("load average"));
    keys("q");
    type("echo back-" + fixture.suffix);
    awaitLine(line -> line.equals("back-" + fixture.suffix));
    browser.screenshot(Path.of("target", "web-console-terminal.png"));

    browser.driver.findElement(By.cssSelector(".tab.active .close")).click();
    JsonNode end = fixture.awaitAudit("session.end", session, WAIT);
    assertTrue(end.get("reason").asText().startsWith("origin=web"), end.toString());
    assertEquals(user, end.get("actor").asText());
    JsonNode terminate = fixture.awaitAudit("session.terminate", session, WAIT);
    assertEquals(user, terminate.get("actor").asText());
    JsonNode start = fixture.awaitAudit("session.start", session, WAIT);
    assertEquals("origin=web", start.get("reason").asText());
  }

  @Test
  @Order(4)
  void hostileNamesAndLabelsAreShownAsTextOnly() {
    @SuppressWarnings("unchecked")
    Map<String, Object> rendered = (Map<String, Object>) browser.driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import('/js/node-table.js').then((table) => {"
            + "  const body = document.createElement('tbody');"
            + "  table.renderNodes(body, [{name: '<img src=x onerror=window.pwned=1>', online: true,"
            + "    labels: {note: '<script>window.pwned=2</script>\\u001b[31mred\\u001b[0m'}}], ['root'], () => {});"
            + "  done({elements: body.querySelectorAll('script, img').length, text: body.textContent,"
            + "    pwned: window.pwned || 0});"
            + "}, (e) => done({error: String(e)}));");
    assertEquals(0L, rendered.get("elements"), rendered.toString());
    assertEquals(0L, rendered.get("pwned"), rendered.toString());
    String text = (String) rendered.get("text");
    assertTrue(text.contains("<img src=x onerror=window.pwned=1>"), text);
    assertTrue(text.contains("<script>window.pwned=2</script>\u241b[31mred\u241b[0m"), text);
    assertTrue(!text.contains("\u001b"), "no raw escape character reaches the page: " + text);
  }

  @Test
  @Order(5)
  void nodeCannotJoinWithHostileLabels() throws Exception {
    JsonNode token = AdminTasks.json(fixture.admin.run("admin", "tokens", "add", "--type=node", "--format=json"));
    String body = "{\"token\":\"" + token.get("token").asText() + "\",\"name\":\"hostile-" + fixture.suffix
        + "\",\"labels\":{\"note\":\"<script>alert(1)</script>\\u001b[31m\"},"
        + "\"public_key\":\"" + PublicKeyEntry.toString(
            KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic()) + "\"}";
    Command.Result result = Command.run(List.of("curl", "-sS", "-k", "-o", "-", "-w", "\n%{http_code}", "-X", "POST",
        "-H", "Content-Type: application/json", "-d", body, "https://" + TestCluster.localProxy() + "/api/v1/join"),
        Map.of(), null, WAIT);
    assertTrue(result.stdout().endsWith("\n400"), result.stdout());
    assertTrue(result.stdout().contains("value of label 'note' is invalid"), result.stdout());
  }

  @Test
  @Order(6)
  void theSessionsListClosesAnOpenTerminal() {
    String session = openTerminal();
    browser.driver.findElement(By.id("tab-nodes")).click();
    browser.await(d -> {
      d.findElement(By.cssSelector("#session-rows tr[data-session='" + session + "'] button.close-session")).click();
      return true;
    }, WAIT);

    JsonNode terminate = fixture.awaitAudit("session.terminate", session, WAIT);
    assertEquals(user, terminate.get("actor").asText());
    browser.await(d -> d.findElements(By.cssSelector("#session-rows tr[data-session='" + session + "']")).isEmpty(),
        WAIT);
    String said = browser.await(d -> (String) browser.script("const p = document.querySelector("
        + "'.terminal-panel[data-session=\"' + arguments[0] + '\"] .terminal-status');"
        + "return p && !p.hidden ? p.textContent : null;", session), WAIT);
    assertTrue(said.startsWith("Session ended"), said);
  }

  @Test
  @Order(7)
  void theNodeListFollowsTheAgentsLinkWithoutReload() {
    browser.script("window.notReloaded = true;");
    fixture.stopAgent(false);
    assertTrue(awaitStatus("reconnecting", WAIT).startsWith("reconnecting, last seen "));
    fixture.restartAgent();
    assertEquals("online", awaitStatus("online", Duration.ofSeconds(90)));
    fixture.stopAgent(true);
    assertTrue(awaitStatus("offline", WAIT).startsWith("offline since "));
    assertTrue(awaitStatus("stale", TestCluster.NODE_STALE_AFTER.plus(WAIT)).startsWith("stale, offline since "));
    assertFalse(nodeRow().findElement(By.cssSelector("button.connect")).isEnabled(), "no connecting to a stale node");
    assertEquals(true, browser.script("return window.notReloaded === true;"), "the page was not reloaded");
  }

  @Test
  @Order(8)
  void logoutReturnsToTheLoginPage() {
    browser.open("/console.html");
    browser.driver.findElement(By.id("logout")).click();
    browser.await(d -> d.getCurrentUrl().endsWith("/index.html"), WAIT);
    browser.open("/console.html");
    browser.await(d -> d.getCurrentUrl().endsWith("/index.html"), WAIT);
    assertEquals(Optional.empty(), Optional.ofNullable(browser.driver.manage().getCookieNamed("__Host-outpost-session")));
  }

  private void submitLogin(String name, String password) {
    browser.await(d -> d.findElement(By.id("user")), WAIT).sendKeys(name);
    browser.driver.findElement(By.id("password")).sendKeys(password);
    browser.driver.findElement(By.id("login")).click();
  }

  /** The node's status text once its row is in {@code state}; the page is never reloaded. */
  private String awaitStatus(String state, Duration timeout) {
    return browser.await(d -> {
      WebElement row = nodeRow();
      return state.equals(row.getAttribute("data-state"))
          ? row.findElement(By.cssSelector("td.status")).getText() : null;
    }, timeout);
  }

  private WebElement nodeRow() {
    return browser.await(d -> d.findElements(By.cssSelector("#node-rows tr")).stream()
        .filter(row -> fixture.node.equals(row.getAttribute("data-node"))).findFirst().orElse(null), WAIT);
  }

  /** Connects to the node from its row; returns the session id once the terminal is ready. */
  private String openTerminal() {
    browser.await(d -> {
      nodeRow().findElement(By.cssSelector("button.connect")).click();
      return true;
    }, WAIT);
    return browser.await(d -> (String) browser.script(
        "const p = document.querySelector('.terminal-panel.active'); return p && p.dataset.session;"), WAIT);
  }

  /** Keys as a user types them: into the focused terminal. */
  private void keys(CharSequence... keys) {
    browser.driver.findElement(By.cssSelector(".terminal-panel.active .xterm-screen")).click();
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  private void type(String command) {
    keys(command, Keys.ENTER);
  }

  @SuppressWarnings("unchecked")
  private List<String> lines() {
    return (List<String>) browser.script("return document.querySelector('.terminal-panel.active').readBuffer();");
  }

  private String awaitLine(java.util.function.Predicate<String> wanted) {
    return browser.await(d -> lines().stream().map(String::strip).filter(wanted).findFirst().orElse(null), WAIT);
  }

  /** The PTY's rows and columns as {@code stty} on the node reports them. */
  private int[] sttySize(String tag) {
    type("echo size-$(stty size) " + tag + "-" + fixture.suffix);
    String line = awaitLine(l -> l.startsWith("size-") && l.endsWith(tag + "-" + fixture.suffix));
    Matcher m = SIZE.matcher(line);
    assertTrue(m.find(), line);
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }
}
