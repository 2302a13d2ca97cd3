package dev.outpost.it.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.api.ClusterJoinRequest;
import dev.outpost.api.ClusterJoinResponse;
import dev.outpost.ca.SshKeys;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.LeafSite;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import dev.outpost.it.apps.AppBrowserSession;
import dev.outpost.it.apps.RawHttps;
import dev.outpost.it.apps.UpstreamApp;
import dev.outpost.it.console.Browser;
import dev.outpost.it.kube.KubeApiStandIn;
import dev.outpost.it.kube.Kubectl;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Two real clusters: the test cluster is the root; a leaf cluster in its own network namespace
 * (its proxy may only dial out to the root) joins it with a single-use token, and an agent behind
 * the leaf serves node {@link #node}, Kubernetes cluster {@link #kube} and web app {@link #app}.
 * Root users reach them through root → leaf → node with
 * the leaf roles the leaf's role map gives their root roles; the leaf decides and audits.
 * Late tests remove the trust and join again with audit forwarding, so the tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustedClusterIT {
  private static final String LEAF = LeafSite.CLUSTER_NAME;
  private static final String ROOT = TestCluster.CLUSTER_NAME;
  private static final Duration LINK_CHANGE = Duration.ofSeconds(120);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int KUBE_API_PORT = 16443;
  private static final int APP_PORT = 18090;
  /** The grace of the leaf's host CA rotation, over before the root's next exchange or soon after. */
  private static final Duration LEAF_HOST_GRACE = Duration.ofSeconds(20);
  /** The grace of the root's host CA rotation: over before the leaf's uplink is restored. */
  private static final Duration ROOT_HOST_GRACE = Duration.ofSeconds(15);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String node = "depot-" + run;
  private final String kube = "depot-k8s-" + run;
  private final String app = "depot-web-" + run;
  /** The app's host label at the root. */
  private final String appLabel = app + "--" + LEAF;
  private final String mappedRole = "edge-ops-" + run;
  private final String otherRole = "devs-" + run;
  private LeafSite leaf;
  private Cli rootAdmin;
  private Cli ops;
  private final String opsPassword = "ops-" + UUID.randomUUID();
  private Cli dev;
  private Path kubeWork;
  private Path apiLog;
  private Instant rootHostGraceEnds = Instant.EPOCH;

  @BeforeAll
  void joinLeafToRoot() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "the leaf site needs root with iproute2 and iptables to build network namespaces");
    rootAdmin = Cli.fresh("trust-admin-" + run).login("admin", TestCluster.ADMIN_PASSWORD);
    applyRole(rootAdmin, mappedRole, "{'*': '*'}");
    applyRole(rootAdmin, otherRole, "{'*': '*'}");
    ops = rootAdmin.addUser("ops-" + run, mappedRole, "root", opsPassword);
    dev = rootAdmin.addUser("dev-" + run, otherRole, "root", "dev-" + UUID.randomUUID());

    leaf = LeafSite.start();
    applyRole(leaf.leafAdmin(), "depot-ops", "{site: [leaf]}", """
          kubernetes_groups: [depot-viewers]
          kubernetes_labels: {site: leaf}
          app_labels: {team: depot}
        """);
    kubeWork = Files.createDirectories(leaf.cluster().layout().dataDir().resolve("kube-it"));
    apiLog = kubeWork.resolve("api-standin.log");
    KubeApiStandIn.launch(leaf.edge(), KUBE_API_PORT, apiLog);
    UpstreamApp.launch(leaf.edge(), APP_PORT, kubeWork.resolve("upstream-app.log"));
    leaf.joinAgent(node, "site=leaf", leaf.cluster().layout().dataDir().resolve("agents").resolve(node),
        "--kube-cluster=" + kube, "--kubeconfig=" + KubeApiStandIn.agentKubeconfig(
            kubeWork.resolve("agent-kubeconfig"), KUBE_API_PORT, "leaf-agent-" + run),
        "--app=" + app + "=http://127.0.0.1:" + APP_PORT + ",team=depot");

    JsonNode token = rootAdmin.json("admin", "tokens", "add", "--type=trusted_cluster", "--ttl=10m",
        "--format=json");
    Command.Result joined = leaf.leafAdmin().run("admin", "clusters", "join",
        "--proxy=" + EdgeHost.PROXY_ADDRESS + ":" + TestCluster.HTTPS_PORT,
        "--token=" + token.get("token").asText(), "--ca-pin=" + token.get("ca_pin").asText(),
        "--role-map=" + mappedRole + "=depot-ops");
    assertEquals(0, joined.exitCode(), joined.stderr());
    assertTrue(joined.stdout().contains("Joined root cluster " + ROOT), joined.stdout());
    await(() -> leafOnline(rootAdmin), "the root lists leaf " + LEAF + " online");
  }

  @AfterAll
  void stopLeaf() {
    if (leaf != null) {
      leaf.close();
    }
  }

  @Test
  @Order(1)
  void theLeafIsASiteOfItsOwnThatOnlyDialsOut() {
    assertThrows(IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(leaf.uplinkAddress(), LeafSite.HTTPS_PORT), 2000);
      }
    }, "a connection from the root's host to the leaf's proxy port must fail");
    assertNull(rootAdmin.listed(node), "the root's own node list does not have the leaf's node");
    JsonNode leafSide = leaf.leafAdmin().json("admin", "clusters", "ls", "--format=json");
    assertEquals("root", kindOf(leafSide, ROOT));
  }

  @Test
  @Order(2)
  void rootUsersSeeTheLeafAndItsNodes() {
    assertTrue(leafOnline(ops), "outpost clusters shows the leaf online to a root user");
    JsonNode nodes = ops.json("ls", "--cluster=" + LEAF, "--format=json");
    assertEquals(1, nodes.size(), nodes.toString());
    assertEquals(node, nodes.get(0).get("name").asText());
    assertEquals(LEAF, nodes.get(0).get("cluster").asText());
  }

  @Test
  @Order(3)
  void outpostSshReachesTheLeafNodeAndOnlyTheLeafAuditsTheSession() {
    Command.Result result = ops.run("ssh", "--cluster=" + LEAF, "root@" + node, "uname", "-a");
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().startsWith("Linux "), result.stdout());

    String remoteUser = "ops-" + run + "@" + ROOT;
    await(() -> hasEvent(leaf.leafAdmin(), "session.end", remoteUser, node),
        "the leaf audits the session of " + remoteUser);
    assertTrue(hasEvent(leaf.leafAdmin(), "session.start", remoteUser, node));
    assertFalse(hasEvent(rootAdmin, "session.start", "ops-" + run, node),
        "the root keeps no session events of the leaf");
    assertTrue(hasEvent(rootAdmin, "cluster.cross", "ops-" + run, node + "." + LEAF),
        "the root records that the user crossed into the leaf");
  }

  @Test
  @Order(4)
  void stockSshReachesTheLeafNodeByItsLeafAddress() {
    String config = ops.sshConfig().toString();
    Command.Result result = Command.run(List.of("ssh", "-F", config, "-o", "BatchMode=yes",
        "root@" + node + "." + LEAF, "uname -s; exit 3"), Map.of(), null, Duration.ofSeconds(60));
    assertEquals(3, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("Linux"), result.stdout());
  }

  @Test
  @Order(5)
  void theWebConsoleSwitchesToTheLeafAndOpensATerminalOnItsNode() {
    Assumptions.assumeTrue(Browser.installed(), "needs Debian's chromium and chromium-driver");
    String remoteUser = "ops-" + run + "@" + ROOT;
    long sessionsBefore = countEvents(leaf.leafAdmin(), "session.start", remoteUser);
    try (Browser browser = new Browser()) {
      browser.open("/");
      browser.await(d -> d.findElement(By.id("user")), WAIT).sendKeys("ops-" + run);
      browser.driver.findElement(By.id("password")).sendKeys(opsPassword);
      browser.driver.findElement(By.id("login")).click();
      WebElement leafOption = browser.await(
          d -> d.findElement(By.cssSelector("#cluster option[value='" + LEAF + "']")), WAIT);
      assertTrue(browser.driver.findElement(By.id("cluster")).isDisplayed(), "the switcher shows");
      leafOption.click();
      browser.await(d -> {
        WebElement row = d.findElements(By.cssSelector("#node-rows tr")).stream()
            .filter(found -> node.equals(found.getAttribute("data-node"))).findFirst().orElse(null);
        if (row == null || !row.findElement(By.cssSelector("button.connect")).isEnabled()) {
          return null;
        }
        row.findElement(By.cssSelector("button.connect")).click();
        return true;
      }, WAIT);
      browser.await(d -> browser.script(
          "const p = document.querySelector('.terminal-panel.active'); return p && p.dataset.session;"), WAIT);
      browser.driver.findElement(By.cssSelector(".terminal-panel.active .xterm-screen")).click();
      new Actions(browser.driver).sendKeys("echo from-the-root-$((6*7))", Keys.ENTER).perform();
      browser.await(d -> ((List<?>) browser.script(
          "return document.querySelector('.terminal-panel.active').readBuffer();")).stream()
          .anyMatch(line -> String.valueOf(line).strip().equals("from-the-root-42")), WAIT);

      browser.driver.findElement(By.id("tab-nodes")).click();
      browser.await(d -> d.findElement(By.cssSelector("#kube-rows tr[data-kube='" + kube + "']")),
          WAIT);
      String open = browser.await(d -> d.findElement(
          By.cssSelector("#app-rows tr[data-app='" + app + "'] a.open-app")), WAIT)
          .getAttribute("href");
      assertTrue(open.contains("app=" + appLabel), open);
      browser.driver.get(open);
      browser.await(d -> d.getCurrentUrl().startsWith("https://" + appLabel + ".")
          && d.findElement(By.id("title")).getText().equals("Upstream home"), WAIT);
    }
    await(() -> countEvents(leaf.leafAdmin(), "session.start", remoteUser) > sessionsBefore,
        "the leaf audits the browser's session too");
  }

  @Test
  @Order(6)
  void aRootRoleTheMapDoesNotNameGetsNothingInTheLeaf() {
    Command.Result result = dev.run("ssh", "--cluster=" + LEAF, "root@" + node, "true");
    assertNotEquals(0, result.exitCode());
    assertTrue(result.stderr().contains("is mapped to a role of cluster " + LEAF), result.stderr());
    Command.Result listing = dev.run("ls", "--cluster=" + LEAF);
    assertNotEquals(0, listing.exitCode());
    assertTrue(listing.stderr().contains("is mapped to a role of cluster " + LEAF), listing.stderr());
    assertTrue(hasEvent(leaf.leafAdmin(), "access.denied", "dev-" + run + "@" + ROOT, null),
        "the leaf audits the refusal");
  }

  @Test
  @Order(7)
  void kubectlAtTheRootReachesAKubernetesClusterBehindTheLeafWhichDecidesAndAudits()
      throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "needs kubectl");
    JsonNode listed = awaitListedOnline("kube", kube);
    assertEquals(node, listed.get("node").asText());
    assertEquals("[\"depot-viewers\"]", listed.get("groups").toString());
    Path kubeconfig = kubeWork.resolve("ops.kubeconfig");
    ops.runWith(Map.of("KUBECONFIG", kubeconfig.toString()), null, "kube", "login",
        "--cluster=" + LEAF, kube).requireSuccess();
    assertTrue(Files.readString(kubeconfig).contains("/kube/" + kube + "." + LEAF),
        "the context points at the root's proxy, naming the cluster and the leaf");

    Command.Result pods = Kubectl.run(kubeconfig, null, "get", "pods", "-n", "default");
    assertEquals(0, pods.exitCode(), pods.stderr());
    String remoteUser = "ops-" + run + "@" + ROOT;
    String log = Files.readString(apiLog);
    assertTrue(log.lines().anyMatch(line -> line.startsWith("REQUEST GET /api/v1/namespaces/default/pods")
        && line.contains(" impersonate-user=[" + remoteUser + "] impersonate-group=[depot-viewers]")),
        "the API server saw the root user with the leaf role's groups:\n" + log);
    await(() -> hasEvent(leaf.leafAdmin(), "kube.request", remoteUser, node),
        "the leaf audits the request of " + remoteUser);

    String pod = Kubectl.applyPod(kubeconfig, kubeWork, "shell-" + run);
    Command.Result exec = Kubectl.run(kubeconfig, "through the leaf\n", "exec", "-i", pod, "--", "cat");
    assertEquals(0, exec.exitCode(), exec.stderr());
    assertEquals("through the leaf\n", exec.stdout(), "the upgrade passes root and leaf both ways");
    await(() -> events(leaf.leafAdmin(), "session.end").stream().anyMatch(event ->
            event.path("actor").asText().equals(remoteUser)
                && event.path("reason").asText().startsWith("origin=kube exec default/" + pod)),
        "the leaf records the exec as a session of " + remoteUser);
    assertTheRootKeepsOnlyTheCrossing("kube:" + kube + "." + LEAF, "kube.request");
  }

  @Test
  @Order(8)
  void kubectlOfARootUserTheLeafMapDoesNotCoverGetsAForbiddenStatus() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "needs kubectl");
    Command.Result listing = dev.run("kube", "ls", "--cluster=" + LEAF);
    assertNotEquals(0, listing.exitCode());
    assertTrue(listing.stderr().contains("is mapped to a role of cluster " + LEAF), listing.stderr());
    Path kubeconfig = kubeWork.resolve("dev.kubeconfig");
    ops.runWith(Map.of("KUBECONFIG", kubeconfig.toString()), null, "kube", "login",
        "--cluster=" + LEAF, kube).requireSuccess();
    Kubectl.rewriteCredentials(kubeconfig, ops.home(), dev.home());
    Command.Result refused = Kubectl.run(kubeconfig, null, "get", "pods");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.stderr().contains("Error from server (Forbidden)")
        && refused.stderr().contains("is mapped to a role of cluster " + LEAF), refused.stderr());
  }

  /**
   * The entry named {@code name} that {@code ops}'s {@code outpost KIND ls --cluster=LEAF} lists
   * online, once it does.
   */
  private JsonNode awaitListedOnline(String kind, String name) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      Command.Result result = ops.run(kind, "ls", "--cluster=" + LEAF, "--format=json");
      for (JsonNode listed : result.exitCode() == 0 ? Cli.parseJson(result.stdout()) : List.<JsonNode>of()) {
        if (listed.get("name").asText().equals(name) && listed.path("online").asBoolean(true)) {
          return listed;
        }
      }
      Polling.sleep(1_000);
    }
    Command.Result last = ops.run(kind, "ls", "--cluster=" + LEAF);
    throw new AssertionError(kind + " " + name + " of " + LEAF + " not listed online: "
        + last.stdout() + last.stderr());
  }

  @Test
  @Order(9)
  void aRootUserOpensAWebAppBehindTheLeafWhichDecidesSignsAndAudits() {
    JsonNode listed = awaitListedOnline("apps", app);
    assertEquals(node, listed.get("node").asText());
    String origin = "https://" + appLabel + "." + TestCluster.APPS_DOMAIN + ":" + TestCluster.HTTPS_PORT;
    assertEquals(origin + "/", listed.get("public_url").asText());
    Command.Result login = ops.run("apps", "login", "--cluster=" + LEAF, app);
    assertEquals(0, login.exitCode(), login.stderr());
    assertEquals(origin + "/", login.stdout().strip());

    Path apps = ops.home().resolve("apps");
    Command.Result fetched = curlApp(ops, "--cert", apps.resolve(app + "." + LEAF + ".crt").toString(),
        "--key", apps.resolve(app + "." + LEAF + ".key").toString());
    assertEquals(0, fetched.exitCode(), fetched.stderr());
    assertTrue(fetched.stdout().startsWith("GET /headers HTTP/1.1\n"), fetched.stdout());
    assertTrue(fetched.stdout().toLowerCase(Locale.ROOT).contains("\nhost: 127.0.0.1:" + APP_PORT + "\n"),
        fetched.stdout());
    String remoteUser = "ops-" + run + "@" + ROOT;
    JsonNode claims = assertion(fetched.stdout());
    assertEquals(remoteUser, claims.get("sub").asText(), "the leaf's user, mapped");
    assertEquals("https://" + LeafSite.PUBLIC_ADDRESS, claims.get("iss").asText(),
        "the leaf, which owns the app, signs the assertion");
    JsonNode audience = claims.path("aud");
    assertEquals(origin, (audience.isArray() ? audience.get(0) : audience).asText());
    assertEquals("[\"depot-ops\"]", claims.get("roles").toString());

    AppBrowserSession console = AppBrowserSession.login(ops.home().resolve("cluster_ca.pem"),
        "ops-" + run, opsPassword);
    String cookie = console.openApp(appLabel);
    RawHttps.Response page = console.get(appLabel, "/headers", cookie);
    assertEquals(200, page.status(), page.body());
    assertEquals(remoteUser, assertion(page.body()).get("sub").asText());

    await(() -> events(leaf.leafAdmin(), "app.request").stream().filter(event ->
            remoteUser.equals(event.path("actor").asText()) && app.equals(event.path("target").asText())
                && event.toString().contains("GET /headers 200")).count() >= 2,
        "the leaf audits both requests of " + remoteUser);
    assertTrue(events(leaf.leafAdmin(), "app.session.start").stream().filter(event ->
        remoteUser.equals(event.path("actor").asText())
            && app.equals(event.path("target").asText())).count() >= 2,
        "the leaf audits the certificate's and the launch's app sessions");
    assertTheRootKeepsOnlyTheCrossing("app:" + app + "." + LEAF, "app.request", "app.session.start");
  }

  @Test
  @Order(10)
  void aRootUserTheLeafMapDoesNotCoverGetsA403FromTheLeafApp() {
    Command.Result listing = dev.run("apps", "ls", "--cluster=" + LEAF);
    assertNotEquals(0, listing.exitCode());
    assertTrue(listing.stderr().contains("is mapped to a role of cluster " + LEAF), listing.stderr());
    String remoteUser = "dev-" + run + "@" + ROOT;
    long refusalsBefore = countEvents(leaf.leafAdmin(), "access.denied", remoteUser);
    Command.Result refused = curlApp(dev, "--cert", dev.home().resolve("tls.crt").toString(),
        "--key", dev.home().resolve("tls.key").toString(), "-w", "%{http_code}");
    assertEquals(0, refused.exitCode(), refused.stderr());
    assertTrue(refused.stdout().endsWith("403"), refused.stdout());
    assertTrue(refused.stdout().contains("is mapped to a role of cluster " + LEAF), refused.stdout());
    await(() -> countEvents(leaf.leafAdmin(), "access.denied", remoteUser) > refusalsBefore,
        "the leaf audits the refusal");
  }

  /**
   * curl on the leaf app's {@code /headers} at the root with {@code cli}'s trust in the root. TLS
   * is checked for {@code localhost} with the app's name in {@code Host}, as {@code AppAccessIT}
   * does: curl takes no wildcard directly below a top-level name such as {@code *.localhost}.
   */
  private Command.Result curlApp(Cli cli, String... options) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--cacert",
        cli.home().resolve("cluster_ca.pem").toString(), "-H", "Host: " + appLabel + "."
            + TestCluster.APPS_DOMAIN + ":" + TestCluster.HTTPS_PORT));
    command.addAll(List.of(options));
    command.add("https://" + TestCluster.localProxy() + "/headers");
    return Command.run(command, Map.of(), null, Duration.ofSeconds(30));
  }

  /** The claims of the identity assertion that {@code /headers} shows the app received. */
  private static JsonNode assertion(String headers) {
    String jwt = headers.lines().filter(line -> line.startsWith("Outpost-Jwt-Assertion: "))
        .findFirst().orElseThrow(() -> new AssertionError("no assertion in\n" + headers))
        .substring("Outpost-Jwt-Assertion: ".length());
    return Cli.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
        StandardCharsets.UTF_8));
  }

  @Test
  @Order(11)
  void aLeafCannotPassAUserCertificateOffAsItsIdentity() throws Exception {
    KeyPair userKey = SshKeys.readPrivateKeyFile(Files.readAllBytes(ops.home().resolve("key")), "user");
    String userCertificate = Files.readString(ops.home().resolve("key-cert.pub")).strip();
    IOException refused = assertThrows(IOException.class,
        () -> dialAsLeaf(new CertificateProver(userKey, userCertificate)).close("done"));
    assertTrue(refused.getMessage().contains("not a HOST one"), refused.getMessage());
    assertTrue(hasFailure(rootAdmin, "tunnel.auth", "leaf cluster: certificate is a USER certificate"),
        "the attempt is audited");
  }

  @Test
  @Order(12)
  void aLeafCannotOpenStreamsTowardsTheRoot() throws Exception {
    String rogue = "rogue-" + run;
    KeyPair key = SshKeys.generateEd25519(new SecureRandom());
    JsonNode token = rootAdmin.json("admin", "tokens", "add", "--type=trusted_cluster", "--ttl=10m",
        "--format=json");
    ApiClient api = new ApiClient(ProxyAddress.parse(TestCluster.localProxy()),
        TestCluster.get().trustContext());
    ClusterJoinResponse answer = api.post("/api/v1/clusters/join", new ClusterJoinRequest(
        token.get("token").asText(), rogue, SshKeys.format(key.getPublic()),
        SshKeys.format(SshKeys.generateEd25519(new SecureRandom()).getPublic()),
        SshKeys.format(SshKeys.generateEd25519(new SecureRandom()).getPublic())),
        ClusterJoinResponse.class);
    Tunnel tunnel = dialAsLeaf(new CertificateProver(key, answer.tunnelCertificate()));
    try {
      IOException refused = assertThrows(IOException.class,
          () -> tunnel.open("ssh:root@some-node:22"));
      assertTrue(refused.getMessage().contains("may not open streams towards its root"),
          refused.getMessage());
    } finally {
      tunnel.close("done");
      rootAdmin.run("admin", "clusters", "rm", rogue);
    }
    assertTrue(hasFailure(rootAdmin, "access.denied", "may not open streams towards its root"),
        "the attempt is audited");
  }

  /**
   * The root's user CA is rotated (default grace): the root tells the leaf over the tunnel at
   * once, so a root user who logs in afresh, with a certificate of the new key, reaches the leaf
   * node; the leaf vouches to its node for the key that signed. The root's host CA is rotated with
   * a short grace: the leaf's tunnel certificate, of the old key, is replaced over the tunnel, and
   * the next test's reconnect, after that grace, needs the new one.
   */
  @Test
  @Order(13)
  void afterTheRootRotatesItsCasAFreshLoginReachesTheLeafNode() {
    rootAdmin.run("admin", "ca", "rotate", "--type=user").requireSuccess();
    rootHostGraceEnds = Instant.now().plus(ROOT_HOST_GRACE);
    rootAdmin.run("admin", "ca", "rotate", "--type=host",
        "--grace=" + ROOT_HOST_GRACE.toSeconds() + "s").requireSuccess();
    Cli afresh = Cli.fresh("ops-rotated-" + run).login("ops-" + run, opsPassword);
    Polling.await("the leaf trusts the root's new user CA key", Duration.ofSeconds(30),
        () -> afresh.run("ssh", "--cluster=" + LEAF, "root@" + node, "true").exitCode() == 0,
        () -> afresh.run("ssh", "--cluster=" + LEAF, "root@" + node, "true").stderr());
    Command.Result result = afresh.run("ssh", "--cluster=" + LEAF, "root@" + node, "echo", "rotated");
    assertEquals("rotated", result.stdout().strip(), result.stderr());
    Command.Result earlier = ops.run("ssh", "--cluster=" + LEAF, "root@" + node, "echo", "earlier");
    assertEquals("earlier", earlier.stdout().strip(), "a certificate of the old key still works: "
        + earlier.stderr());
  }

  /**
   * The leaf rotates its host CA with a short grace: the root learns the leaf's new key at its next
   * exchange with the leaf (every minute; a leaf opens no streams towards its root), so that a
   * root user's {@code outpost config} lists it; once the grace is over and the old key is dropped,
   * stock ssh to the leaf's node, whose certificate now comes from the new key, still verifies it.
   */
  @Test
  @Order(14)
  void afterTheLeafRotatesItsHostCaTheRootsUsersStillVerifyItsNodes() throws IOException {
    Cli leafAdmin = leaf.leafAdmin();
    Instant graceEnds = Instant.now().plus(LEAF_HOST_GRACE);
    leafAdmin.run("admin", "ca", "rotate", "--type=host", "--grace=" + LEAF_HOST_GRACE.toSeconds() + "s")
        .requireSuccess();
    String newKey = null;
    for (JsonNode key : leafAdmin.json("admin", "ca", "ls", "--format=json")) {
      if ("host".equals(key.path("type").asText()) && "active".equals(key.path("status").asText())) {
        newKey = key.path("key").asText().split(" ")[1];
      }
    }
    assertNotNull(newKey, "the leaf lists its active host CA key");
    String expected = newKey;
    Polling.await("the root learns the leaf's new host CA key", Duration.ofSeconds(90),
        () -> leafKnownHosts(ops).contains(expected), () -> leafKnownHosts(ops));
    Polling.sleep(Math.max(0, Duration.between(Instant.now(), graceEnds).toMillis()));
    Polling.await("the leaf's old host CA key dropped by the root's users", Duration.ofSeconds(60),
        () -> leafKnownHosts(ops).lines().filter(line -> line.contains("*." + LEAF)).count() == 1,
        () -> leafKnownHosts(ops));
    Command.Result result = Command.run(List.of("ssh", "-F", ops.sshConfig().toString(), "-o",
        "BatchMode=yes", "root@" + node + "." + LEAF, "echo rotated-leaf"), Map.of(), null,
        Duration.ofSeconds(60));
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("rotated-leaf", result.stdout().strip());
  }

  /** The leaf host CA lines of {@code user}'s {@code outpost config} (written afresh). */
  private static String leafKnownHosts(Cli user) {
    user.sshConfig();
    try (var files = Files.walk(user.home())) {
      Path file = files.filter(path -> path.getFileName().toString().equals("known_hosts.leaves"))
          .findFirst().orElse(null);
      return file == null ? "" : Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @Order(15)
  void aCutUplinkTakesTheLeafOfflineAndAccessResumesWhenItReturns() {
    leaf.cutUplink();
    try {
      await(() -> !leafOnline(rootAdmin), "the root sees the leaf offline");
      Command.Result refused = ops.run("ssh", "--cluster=" + LEAF, "root@" + node, "true");
      assertNotEquals(0, refused.exitCode());
      assertTrue(refused.stderr().contains("cluster " + LEAF + " is offline"), refused.stderr());
      long graceLeft = Duration.between(Instant.now(), rootHostGraceEnds).toMillis();
      Polling.sleep(Math.max(0, graceLeft));
    } finally {
      leaf.restoreUplink();
    }
    await(() -> leafOnline(rootAdmin),
        "the leaf comes back by itself, with the tunnel certificate of the root's new host CA key");
    Command.Result result = ops.run("ssh", "--cluster=" + LEAF, "root@" + node, "echo", "back");
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("back", result.stdout().strip());
  }

  @Test
  @Order(16)
  void removingTheTrustOnTheLeafEndsLiveSessionsAndRefusesNewOnes() throws Exception {
    Process live = ops.start("ssh", "--cluster=" + LEAF, "root@" + node, "sleep", "300");
    await(() -> hasEvent(leaf.leafAdmin(), "session.start", "ops-" + run + "@" + ROOT, node)
        && countEvents(leaf.leafAdmin(), "session.start", "ops-" + run + "@" + ROOT)
            > countEvents(leaf.leafAdmin(), "session.end", "ops-" + run + "@" + ROOT),
        "the live session started in the leaf");
    Command.Result removed = leaf.leafAdmin().run("admin", "clusters", "rm", ROOT);
    assertEquals(0, removed.exitCode(), removed.stderr());
    assertTrue(live.waitFor(30, TimeUnit.SECONDS), "the live session ends with the trust");
    await(() -> !leafOnline(rootAdmin), "the root sees the leaf go");
    Command.Result refused = ops.run("ssh", "--cluster=" + LEAF, "root@" + node, "true");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.stderr().contains("cluster " + LEAF + " is offline"), refused.stderr());
  }

  @Test
  @Order(17)
  void aLeafThatForwardsItsAuditLetsTheRootSearchIt() {
    assertEquals(0, rootAdmin.run("admin", "clusters", "rm", LEAF).exitCode(),
        "the root forgets the leaf too before it joins again");
    JsonNode token = rootAdmin.json("admin", "tokens", "add", "--type=trusted_cluster", "--ttl=10m",
        "--format=json");
    Command.Result joined = leaf.leafAdmin().run("admin", "clusters", "join",
        "--proxy=" + EdgeHost.PROXY_ADDRESS + ":" + TestCluster.HTTPS_PORT,
        "--token=" + token.get("token").asText(), "--ca-pin=" + token.get("ca_pin").asText(),
        "--role-map=" + mappedRole + "=depot-ops", "--forward-audit");
    assertEquals(0, joined.exitCode(), joined.stderr());
    String remoteUser = "ops-" + run + "@" + ROOT;
    await(() -> forwarded(rootAdmin, "session.start", remoteUser, node),
        "the root's log has the leaf's session events, filed under the leaf");
    assertTrue(forwarded(rootAdmin, "session.end", remoteUser, node));
  }

  private static boolean forwarded(Cli admin, String type, String actor, String node) {
    for (JsonNode event : events(admin, type)) {
      if (actor.equals(event.path("actor").asText()) && node.equals(event.path("node").asText())
          && LEAF.equals(event.path("cluster").asText())) {
        return true;
      }
    }
    return false;
  }

  private Tunnel dialAsLeaf(CertificateProver prover) throws IOException {
    return WebSocketDialer.dial(URI.create("wss://" + TestCluster.localProxy() + "/api/v1/tunnel/cluster"),
        TestCluster.get().trustContext(), Map.of(), TunnelSettings.builder().build(), prover,
        StreamAcceptor.REFUSE_ALL, Duration.ofSeconds(20));
  }

  private static void applyRole(Cli admin, String name, String nodeLabels) throws IOException {
    applyRole(admin, name, nodeLabels, "");
  }

  /** {@code allow} lines beyond logins and node labels go in {@code more}. */
  private static void applyRole(Cli admin, String name, String nodeLabels, String more)
      throws IOException {
    Path file = Files.writeString(Files.createTempFile(name, ".yaml"), """
        kind: role
        name: %s
        allow:
          logins: [root]
          node_labels: %s
        """.formatted(name, nodeLabels) + more);
    assertEquals(0, admin.run("admin", "roles", "create", "-f", file.toString()).exitCode());
  }

  private static boolean leafOnline(Cli cli) {
    Command.Result result = cli.run("clusters", "--format=json");
    if (result.exitCode() != 0) {
      return false;
    }
    for (JsonNode cluster : Cli.parseJson(result.stdout())) {
      if (cluster.get("name").asText().equals(LEAF)) {
        return cluster.get("online").asBoolean();
      }
    }
    return false;
  }

  private static String kindOf(JsonNode clusters, String name) {
    for (JsonNode cluster : clusters) {
      if (cluster.get("name").asText().equals(name)) {
        return cluster.get("kind").asText();
      }
    }
    return null;
  }

  /** {@code outpost audit --format=json}: one object per line. */
  private static List<JsonNode> events(Cli admin, String type) {
    return admin.run("audit", "--since=1h", "--type=" + type, "--format=json").requireSuccess()
        .stdout().lines().filter(line -> !line.isBlank()).map(Cli::parseJson).toList();
  }

  private static boolean hasEvent(Cli admin, String type, String actor, String node) {
    for (JsonNode event : events(admin, type)) {
      if (actor.equals(event.path("actor").asText())
          && (node == null || node.equals(event.path("node").asText()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The root has none of the {@code leafTypes} events of the ops user, whose requests the leaf
   * audits, only that the user crossed into the leaf to {@code destination}.
   */
  private void assertTheRootKeepsOnlyTheCrossing(String destination, String... leafTypes) {
    String actor = "ops-" + run;
    for (String type : leafTypes) {
      assertFalse(hasEvent(rootAdmin, type, actor, null), "the root keeps no " + type + " of the leaf");
    }
    assertTrue(events(rootAdmin, "cluster.cross").stream().anyMatch(event ->
            event.path("actor").asText().equals(actor)
                && event.path("reason").asText().equals(destination)),
        "the root records that the user crossed into the leaf");
  }

  private static boolean hasFailure(Cli admin, String type, String reason) {
    for (JsonNode event : events(admin, type)) {
      if (event.path("reason").asText().contains(reason)) {
        return true;
      }
    }
    return false;
  }

  private static long countEvents(Cli admin, String type, String actor) {
    long count = 0;
    for (JsonNode event : events(admin, type)) {
      if (actor.equals(event.path("actor").asText())) {
        count++;
      }
    }
    return count;
  }

  private static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(LINK_CHANGE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + LINK_CHANGE + ": " + what);
      }
      Polling.sleep(1_000);
    }
  }
}
