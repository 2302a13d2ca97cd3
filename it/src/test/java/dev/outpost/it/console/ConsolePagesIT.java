package dev.outpost.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.outpost.domain.user.Base32;
import dev.outpost.domain.user.Totp;
import dev.outpost.it.AdminTasks;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console pages beyond the terminal, in one headless Chromium: a user plays back their own
 * recorded web session and seeks in it; an admin manages roles, users (their roles and logins
 * too), locks and join tokens, confirming each removal, and reads the audit log with filters and
 * paging (a hostile lock message stays text on both pages); a user enrols TOTP by the page's QR
 * code; an admin removes the node once its agent has stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private ConsoleFixture fixture;
  private Browser browser;
  private String tech;
  private String boss;
  private String recordedSession;

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(Browser.installed(),
        "web console browser tests need Debian's chromium and chromium-driver (see .ci/run)");
    fixture = ConsoleFixture.start("pages");
    tech = fixture.user("tech");
    boss = fixture.user("boss", "admin");
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
  void userPlaysTheirRecordedSessionAndSeeksToItsOutput() throws Exception {
    ConsoleHttp.Session session = ConsoleHttp.session(tech, ConsoleFixture.PASSWORD);
    String marker = "rec-" + fixture.suffix;
    // The shell goes on after the marker, so that seeking near the end lands after it.
    recordedSession = recordTerminal(session, "echo rec-''" + fixture.suffix + "; sleep 2; exit\r");
    awaitCompleteRecording(session, recordedSession);

    logIn(tech);
    browser.open("/recordings.html");
    WebElement row = browser.await(d -> d.findElements(By.cssSelector("#recording-rows tr")).stream()
        .filter(r -> recordedSession.equals(r.getAttribute("data-session"))).findFirst().orElse(null), WAIT);
    List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertEquals(List.of(tech, "root", fixture.node), cells.subList(1, 4), cells.toString());
    assertTrue(cells.get(5).endsWith(" s"), "duration: " + cells);
    assertTrue(cells.get(6).endsWith("B"), "size: " + cells);
    for (WebElement other : browser.driver.findElements(By.cssSelector("#recording-rows tr td:nth-child(2)"))) {
      assertEquals(tech, other.getText(), "a user sees only their own recordings");
    }
    assertTrue(browser.driver.findElements(By.cssSelector("#pages a[href='audit.html']")).isEmpty(),
        "no audit link for a user without role admin");

    row.findElement(By.cssSelector("button.play")).click();
    WebElement bar = browser.await(d -> d.findElement(By.cssSelector("#player .ap-bar")), WAIT);
    assertFalse(playerText().contains(marker), "nothing is shown before playing or seeking");
    new Actions(browser.driver).moveToElement(bar, bar.getSize().getWidth() / 2 - 2, 0).click().perform();
    browser.await(d -> playerText().contains(marker), WAIT);
    browser.screenshot(Path.of("target", "console-recording-player.png"));

    browser.open("/audit.html");
    browser.await(d -> d.findElement(By.id("page-error")).getText().contains("role admin"), WAIT);
  }

  @Test
  @Order(2)
  void adminManagesRolesUsersLocksAndJoinTokens() {
    logOut();
    logIn(boss);
    browser.open("/admin.html");
    String role = "pages-" + fixture.suffix;
    WebElement resource = browser.await(d -> d.findElement(By.cssSelector("#role-form textarea")), WAIT);
    resource.sendKeys("kind: role\nname: " + role + "\nallow:\n  logins: [root]\n  node_labels: {env: edge}\n");
    browser.driver.findElement(By.id("apply-role")).click();
    browser.await(d -> d.findElement(By.id("role-result")).getText().equals("role " + role + " created"), WAIT);
    removeRow("role-rows", role);

    String invited = "invited-" + fixture.suffix;
    WebElement invite = browser.driver.findElement(By.id("invite-form"));
    invite.findElement(By.name("name")).sendKeys(invited);
    invite.findElement(By.name("logins")).sendKeys("root");
    browser.driver.findElement(By.id("invite")).click();
    String shown = awaitText("invite-result");
    assertTrue(shown.contains("Invite for " + invited) && shown.contains("code: "), shown);
    WebElement user = awaitRow("user-rows", invited);
    assertTrue(user.getText().contains("invited"), user.getText());
    user.findElement(By.cssSelector("button.edit")).click();
    WebElement edit = browser.driver.findElement(By.id("user-form"));
    assertEquals(invited, edit.findElement(By.name("name")).getAttribute("value"));
    WebElement logins = edit.findElement(By.name("logins"));
    assertEquals("root", logins.getAttribute("value"));
    logins.clear();
    logins.sendKeys("root, ops");
    browser.driver.findElement(By.id("save-user")).click();
    browser.await(d -> awaitRow("user-rows", invited).findElements(By.tagName("td")).get(2).getText()
        .equals("ops, root"), WAIT); // as the proxy keeps them: sorted
    assertFalse(edit.isDisplayed(), "the form closes once saved");

    awaitRow("user-rows", invited).findElement(By.cssSelector("button.remove")).click();
    Alert question = awaitQuestion();
    assertTrue(question.getText().contains("Remove user " + invited + "?"), question.getText());
    question.dismiss();
    assertEquals(invited, awaitRow("user-rows", invited).getAttribute("data-key"), "kept when not confirmed");
    removeRow("user-rows", invited);

    WebElement lock = browser.driver.findElement(By.id("lock-form"));
    new Select(lock.findElement(By.name("kind"))).selectByValue("node");
    lock.findElement(By.name("target")).sendKeys(fixture.node);
    lock.findElement(By.name("ttl")).sendKeys("1h");
    lock.findElement(By.name("message")).sendKeys(hostileMessage());
    browser.driver.findElement(By.id("lock")).click();
    WebElement locked = browser.await(d -> d.findElements(By.cssSelector("#lock-rows tr")).stream()
        .filter(r -> r.getText().contains("maintenance " + fixture.suffix)).findFirst().orElse(null), WAIT);
    assertEquals(List.of("node", fixture.node, hostileMessage(), boss), locked.findElements(By.tagName("td"))
        .stream().map(WebElement::getText).toList().subList(0, 4));
    assertNothingInjected("#lock-rows");
    removeRow("lock-rows", locked.getAttribute("data-key"));

    WebElement online = awaitRow("node-rows", fixture.node);
    assertTrue(online.getText().contains("online"), online.getText());
    assertTrue(online.findElements(By.cssSelector("button.remove")).isEmpty(), "an online node cannot be removed");

    browser.driver.findElement(By.id("create-token")).click();
    String token = awaitText("token-result");
    assertTrue(token.contains("token: ") && token.contains("CA pin: "), token);
    JsonNode created = AdminTasks.json(fixture.admin.run("audit", "--since=10m", "--type=token.create",
        "--user=" + boss, "--format=json"));
    assertEquals(boss, created.get("actor").asText(), created.toString());
  }

  @Test
  @Order(3)
  void adminFiltersAndPagesTheAuditLogAndHostileValuesStayText() {
    browser.open("/audit.html");
    showAudit("session.start", tech, fixture.node, "100");
    WebElement started = auditRows().stream()
        .filter(r -> r.getText().contains(recordedSession)).findFirst()
        .orElseThrow(() -> new AssertionError("session.start of " + recordedSession + " not shown"));
    assertTrue(started.getText().contains("origin=web"), started.getText());

    showAudit("lock.create", boss, "", "100");
    assertTrue(auditRows().stream().anyMatch(r -> r.getText().contains(hostileMessage())),
        "the lock's message is shown as text in the audit log");
    assertNothingInjected("#audit-rows");

    showAudit("", "", "", "10");
    Set<String> first = eventIds();
    assertEquals(10, first.size(), "this class alone made more than 10 events today");
    assertEquals("events 1–10", browser.driver.findElement(By.id("page-info")).getText());
    browser.driver.findElement(By.id("next")).click();
    browser.await(d -> d.findElement(By.id("page-info")).getText().startsWith("events 11–"), WAIT);
    Set<String> second = eventIds();
    assertFalse(second.isEmpty());
    assertTrue(second.stream().noneMatch(first::contains), "pages do not overlap");
    browser.driver.findElement(By.id("previous")).click();
    browser.await(d -> d.findElement(By.id("page-info")).getText().equals("events 1–10"), WAIT);
    assertEquals(first, eventIds());
  }

  @Test
  @Order(4)
  void userEnrolsTotpByTheQrCode() throws Exception {
    logOut();
    browser.open("/mfa.html");
    WebElement user = browser.await(d -> d.findElement(By.id("mfa-user")), WAIT);
    user.sendKeys(tech);
    browser.driver.findElement(By.id("mfa-password")).sendKeys(ConsoleFixture.PASSWORD);
    browser.driver.findElement(By.id("new-secret")).click();
    String secret = awaitText("mfa-secret");

    String uri = readQrCode();
    assertTrue(uri.startsWith("otpauth://totp/" + TestCluster.CLUSTER_NAME + ":" + tech + "?secret=" + secret),
        uri);

    byte[] key = Base32.decode(secret);
    browser.driver.findElement(By.id("mfa-code")).sendKeys(Totp.STANDARD.code(key, Totp.STANDARD.step(Instant.now())));
    browser.driver.findElement(By.id("enroll")).click();
    browser.await(d -> d.findElement(By.id("mfa-done")).getText().startsWith("Enrolled"), WAIT);

    HttpResponse<String> withoutCode = ConsoleHttp.login(tech, ConsoleFixture.PASSWORD);
    assertEquals(401, withoutCode.statusCode());
    assertTrue(withoutCode.body().contains("one-time code (TOTP) is required"), withoutCode.body());
  }

  @Test
  @Order(5)
  void adminRemovesTheOfflineNodeAfterConfirming() {
    fixture.stopAgent(true);
    Polling.await("node " + fixture.node + " listed offline", WAIT, () -> {
      JsonNode listed = fixture.admin.listed(fixture.node);
      return listed != null && !listed.get("online").asBoolean() && !listed.get("reconnecting").asBoolean();
    }, () -> String.valueOf(fixture.admin.listed(fixture.node)));
    logIn(boss);
    browser.open("/admin.html");
    assertTrue(awaitRow("node-rows", fixture.node).getText().contains("offline since"));
    removeRow("node-rows", fixture.node);
    assertTrue(fixture.admin.run("audit", "--since=10m", "--type=node.delete").requireSuccess().stdout()
        .contains(fixture.node), "the removal is audited");
  }

  /** Runs {@code input} in a terminal on the node as the session's user; returns the session id. */
  private String recordTerminal(ConsoleHttp.Session session, String input) throws Exception {
    TerminalClient client = new TerminalClient();
    ConsoleHttp.terminal(ConsoleHttp.ORIGIN, session.cookie(), session.csrf(), fixture.node, "root", client)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    String id = client.session.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    client.type(input, 1024);
    client.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return id;
  }

  /** Waits until the user's recording of {@code sessionId} is uploaded and confirmed. */
  private void awaitCompleteRecording(ConsoleHttp.Session session, String sessionId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = ConsoleHttp.get("/api/v1/recordings", session);
      last = response.body();
      assertEquals(200, response.statusCode(), last);
      for (JsonNode recording : AdminTasks.json(last)) {
        if (sessionId.equals(recording.path("session_id").asText()) && recording.path("complete").asBoolean()) {
          return;
        }
      }
      Polling.sleep(500);
    }
    throw new AssertionError("no complete recording of " + sessionId + " within " + WAIT + ": " + last);
  }

  /** A lock message an attacker with admin rights might try: markup, to be shown as text. */
  private String hostileMessage() {
    return "<img src=x onerror=window.pwned=1><script>window.pwned=2</script> maintenance " + fixture.suffix;
  }

  private void assertNothingInjected(String container) {
    assertEquals(0L, browser.script("return document.querySelectorAll(arguments[0] + ' img, ' + arguments[0]"
        + " + ' script').length + (window.pwned || 0);", container));
  }

  /** The text of element {@code id} once it has some. */
  private String awaitText(String id) {
    return browser.await(d -> {
      String text = d.findElement(By.id(id)).getText();
      return text.isEmpty() ? null : text;
    }, WAIT);
  }

  private String playerText() {
    return (String) browser.script("return document.getElementById('player').textContent;");
  }

  private void logIn(String name) {
    browser.open("/");
    browser.await(d -> d.findElement(By.id("user")), WAIT).sendKeys(name);
    browser.driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
    browser.driver.findElement(By.id("login")).click();
    browser.await(d -> d.getCurrentUrl().endsWith("/console.html"), WAIT);
  }

  private void logOut() {
    browser.await(d -> d.findElement(By.id("logout")), WAIT).click();
    browser.await(d -> d.getCurrentUrl().endsWith("/index.html"), WAIT);
  }

  private void showAudit(String type, String user, String node, String perPage) {
    WebElement form = browser.await(d -> d.findElement(By.id("audit-filters")), WAIT);
    for (String[] field : new String[][] {{"type", type}, {"user", user}, {"node", node}}) {
      WebElement input = form.findElement(By.name(field[0]));
      input.clear();
      input.sendKeys(field[1]);
    }
    new Select(form.findElement(By.name("limit"))).selectByVisibleText(perPage);
    browser.script("document.getElementById('audit-rows').replaceChildren();");
    browser.driver.findElement(By.id("apply")).click();
    browser.await(d -> !auditRows().isEmpty(), WAIT);
  }

  private List<WebElement> auditRows() {
    return browser.driver.findElements(By.cssSelector("#audit-rows tr"));
  }

  private Set<String> eventIds() {
    Set<String> ids = new HashSet<>();
    for (WebElement row : auditRows()) {
      ids.add(row.getAttribute("data-event"));
    }
    return ids;
  }

  private WebElement awaitRow(String table, String key) {
    return browser.await(d -> d.findElements(By.cssSelector("#" + table + " tr")).stream()
        .filter(r -> key.equals(r.getAttribute("data-key"))).findFirst().orElse(null), WAIT);
  }

  /** Clicks the removal of row {@code key}, confirms it, and waits until the row is gone. */
  private void removeRow(String table, String key) {
    awaitRow(table, key).findElement(By.cssSelector("button.remove")).click();
    awaitQuestion().accept();
    browser.await(d -> d.findElements(By.cssSelector("#" + table + " tr")).stream()
        .noneMatch(r -> key.equals(r.getAttribute("data-key"))), WAIT);
    WebElement error = browser.driver.findElement(By.id("page-error"));
    assertFalse(error.isDisplayed(), error.getText());
  }

  /** The browser's confirmation dialog, once it is open. */
  private Alert awaitQuestion() {
    return browser.await(d -> d.switchTo().alert(), WAIT);
  }

  /** Decodes the page's QR code canvas with ZXing. */
  private String readQrCode() throws Exception {
    String png = (String) browser.script("return document.getElementById('qr').toDataURL('image/png');");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
  }
}
