package dev.outpost.it.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Stock {@code kubectl} reaches an edge cluster's API through the agent's reverse tunnel. The API
 * server is a stand-in ({@link KubeApiStandIn}: the fabric8 Kubernetes mock server in CRUD mode
 * behind a thin front), not a real kube-apiserver, which cannot be installed here; it runs inside
 * the edge namespace on loopback, reachable only through the agent. User {@code alice} has role
 * {@code kube-edge} (groups {@code edge-viewers} and {@code edge-ops} on clusters labelled {@code
 * env=edge}); user {@code bob} has only SSH access. The stand-in also serves a second cluster over
 * HTTPS to the agent of node {@code kpod-…}, which runs as a pod would with that cluster's
 * service account ({@link PodServiceAccount}), and only to that account's token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeIT {
  private static final String PASSWORD = "correct horse battery staple";
  private static final int API_PORT = 16443;
  /** Where the stand-in serves the pods' service accounts, over HTTPS. */
  private static final int POD_API_PORT = 16444;
  private static final String AGENT_TOKEN = "agent-token-" + UUID.randomUUID();

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String node = "kn-" + run;
  private final String kube = "k8s-" + run;
  private final String podNode = "kpod-" + run;
  private final String podKube = "k8s-pod-" + run;
  private EdgeHost edge;
  private Path work;
  private Path apiLog;
  private PodServiceAccount pod;
  private Cli admin;
  private Cli alice;
  private Cli bob;

  @BeforeAll
  void startClusterBehindAgent() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "end-to-end tests need root with iproute2 and iptables to build network namespaces");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")),
        "kubectl (Debian kubernetes-client, installed by .ci/run) is needed");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("kube-it"));
    admin = Cli.fresh("kube-admin-" + run).login("admin", TestCluster.ADMIN_PASSWORD);
    Path role = work.resolve("kube-edge.yaml");
    Files.writeString(role, """
        kind: role
        name: kube-edge
        allow:
          kubernetes_groups: [edge-viewers, edge-ops]
          kubernetes_labels: {env: edge}
        """);
    admin.run("admin", "roles", "create", "-f", role.toString()).requireSuccess();
    edge = EdgeHost.create();
    apiLog = work.resolve("api-standin.log");
    pod = PodServiceAccount.create(work.resolve("pod"), "127.0.0.1", POD_API_PORT);
    KubeApiStandIn.launch(edge, API_PORT, apiLog, POD_API_PORT, pod);
    Path kubeconfig = KubeApiStandIn.agentKubeconfig(work.resolve("agent-kubeconfig"), API_PORT,
        AGENT_TOKEN);
    edge.join(admin, node, "env=edge", work.resolve(node),
        "--kube-cluster=" + kube, "--kubeconfig=" + kubeconfig);
    alice = admin.addUser("kalice-" + run, "kube-edge", "ubuntu", PASSWORD);
    bob = admin.addUser("kbob-" + run, "access", "ubuntu", PASSWORD);
  }

  @AfterAll
  void stopEdge() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  @Order(1)
  void clustersAreListedToUsersWhoseRolesReachThem() {
    JsonNode listed = awaitListed(alice, kube);
    assertEquals(node, listed.get("node").asText());
    assertEquals("kalice-" + run, listed.get("user").asText());
    assertEquals("[\"edge-ops\",\"edge-viewers\"]", listed.get("groups").toString());
    assertFalse(bob.run("kube", "ls", "--format=json").requireSuccess().stdout().contains(kube),
        "bob's roles grant no Kubernetes cluster");
  }

  @Test
  @Order(2)
  void kubectlGetApplyDeleteGoThroughWithTheRolesImpersonated() throws IOException {
    Path kubeconfig = kubeLogin(alice, "alice");
    Path manifest = work.resolve("cm.yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: greeting-%s, namespace: default}
        data: {hello: edge}
        """.formatted(run));

    Command.Result applied = kubectl(kubeconfig, "apply", "--validate=false", "-f", manifest.toString());
    assertEquals(0, applied.exitCode(), applied.stderr());
    Command.Result got = kubectl(kubeconfig, "get", "configmap", "greeting-" + run, "-n", "default", "-o", "json");
    assertEquals(0, got.exitCode(), got.stderr());
    assertEquals("edge", Cli.parseJson(got.stdout()).get("data").get("hello").asText());
    Command.Result pods = kubectl(kubeconfig, "get", "pods", "-A");
    assertEquals(0, pods.exitCode(), pods.stderr());
    Command.Result deleted = kubectl(kubeconfig, "delete", "configmap", "greeting-" + run, "-n", "default", "--wait=false");
    assertEquals(0, deleted.exitCode(), deleted.stderr());
    assertNotEquals(0, kubectl(kubeconfig, "get", "configmap", "greeting-" + run, "-n", "default").exitCode(),
        "deleted at the API server");

    String log = Files.readString(apiLog);
    assertTrue(log.lines().anyMatch(line -> line.startsWith("REQUEST POST /api/v1/namespaces/default/configmaps")
        && line.endsWith(" impersonate-user=[kalice-" + run + "] impersonate-group=[edge-ops, edge-viewers]"
            + " authorization=Bearer " + AGENT_TOKEN)), "the create arrived as alice with the role's groups:\n" + log);
    assertFalse(log.lines().filter(line -> line.startsWith("REQUEST"))
        .anyMatch(line -> !line.contains("authorization=Bearer " + AGENT_TOKEN)
            || !line.contains("impersonate-user=[kalice-" + run + "]")), "every request as alice, with the agent's credential:\n" + log);
  }

  /**
   * More watches at once than Payara's default five request threads: each waits on its tunnel
   * stream for as long as it runs, and the tunnels are read on those threads, so watches that held
   * them would leave no thread to read any answer (regression: plain requests then failed after 30
   * s with a 502).
   */
  @Test
  @Order(3)
  void eightWatchesSeeAChangeAsItHappensWhileOtherRequestsPass() throws Exception {
    int watches = 8;
    Path kubeconfig = kubeLogin(alice, "alice");
    long watchesBefore = watchRequests();
    List<Process> running = new ArrayList<>();
    try {
      for (int i = 0; i < watches; i++) {
        running.add(new ProcessBuilder("kubectl", "--kubeconfig=" + kubeconfig, "get", "configmaps",
            "-n", "default", "--watch-only", "-o", "name")
            .redirectErrorStream(true).redirectOutput(work.resolve("watch-" + i + ".out").toFile())
            .start());
      }
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline) && watchRequests() < watchesBefore + watches) {
        Polling.sleep(200);
      }
      assertEquals(watchesBefore + watches, watchRequests(), "every watch reached the API server");
      Polling.sleep(500);
      Path manifest = work.resolve("watched.yaml");
      Files.writeString(manifest, """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: watched-%s, namespace: default}
          """.formatted(run));
      Instant start = Instant.now();
      assertEquals(0, kubectl(kubeconfig, "apply", "--validate=false", "-f", manifest.toString()).exitCode());
      Duration applied = Duration.between(start, Instant.now());
      assertTrue(applied.toSeconds() < 15, "an apply beside " + watches + " watches took " + applied);
      for (int i = 0; i < watches; i++) {
        deadline = Instant.now().plusSeconds(30);
        String seen = "";
        while (Instant.now().isBefore(deadline) && !seen.contains("configmap/watched-" + run)) {
          Polling.sleep(200);
          seen = Files.readString(work.resolve("watch-" + i + ".out"));
        }
        assertTrue(seen.contains("configmap/watched-" + run), "watch " + i + " printed the new object: " + seen);
        assertTrue(running.get(i).isAlive(), "watch " + i + " is still streaming, not answered once and closed");
      }
    } finally {
      for (Process watch : running) {
        watch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private long watchRequests() throws IOException {
    return Files.readString(apiLog).lines().filter(line -> line.contains("watch=")).count();
  }

  @Test
  @Order(4)
  void clientImpersonationIsRefusedAndNeverArrives() throws IOException {
    Path kubeconfig = kubeLogin(alice, "alice");
    Command.Result result = kubectl(kubeconfig, "get", "pods", "--as=system:admin", "--as-group=system:masters");
    assertNotEquals(0, result.exitCode());
    // header names arrive lower-case over HTTP/2, as kubectl speaks it
    assertTrue(result.stderr().contains("Forbidden")
        && result.stderr().toLowerCase(java.util.Locale.ROOT).contains("impersonate-"), result.stderr());
    assertFalse(Files.readString(apiLog).contains("system:admin"), "no client impersonation reached the API server");
    assertFalse(Files.readString(apiLog).contains("system:masters"), "no client impersonation reached the API server");
  }

  @Test
  @Order(5)
  void aUserWithoutTheClusterGetsA403Status() {
    Path kubeconfig = work.resolve("bob.kubeconfig");
    Command.Result login = bob.runWith(Map.of("KUBECONFIG", kubeconfig.toString()), null, "kube", "login", kube);
    assertEquals(1, login.exitCode(), "the CLI refuses a cluster the roles do not reach");
    alice.runWith(Map.of("KUBECONFIG", kubeconfig.toString()), null, "kube", "login", kube).requireSuccess();
    Kubectl.rewriteCredentials(kubeconfig, alice.home(), bob.home());
    Command.Result result = kubectl(kubeconfig, "get", "pods");
    assertNotEquals(0, result.exitCode());
    assertTrue(result.stderr().contains("Error from server (Forbidden)")
        && result.stderr().contains("access to Kubernetes cluster " + kube + " denied"), result.stderr());
  }

  @Test
  @Order(6)
  void anExpiredCertificateIsRefused() throws IOException {
    // Long enough for the steps before expiry on a busy machine, short enough to wait out.
    Cli shortLived = Cli.fresh("kalice-short-" + run).login("kalice-" + run, PASSWORD, "--ttl=60s");
    Path kubeconfig = kubeLogin(shortLived, "short");
    Command.Result valid = kubectl(kubeconfig, "get", "configmaps");
    assertEquals(0, valid.exitCode(), "valid before it expires: " + valid.stderr());
    Instant expires = Instant.parse(shortLived.json("status", "--format=json").get("expires").asText());
    while (Instant.now().isBefore(expires.plusSeconds(2))) {
      Polling.sleep(500);
    }
    Command.Result result = kubectl(kubeconfig, "get", "configmaps");
    assertNotEquals(0, result.exitCode());
    assertTrue(result.stderr().contains("expired"), result.stderr());
  }

  @Test
  @Order(7)
  void execPassesStdinAndStdoutThroughTheUpgrade() throws IOException {
    Path kubeconfig = kubeLogin(alice, "alice");
    String pod = applyPod(kubeconfig, "shell-" + run);
    // -i without -t: the test has no terminal; kubectl 1.30+ asks for WebSocket v5.channel.k8s.io
    Command.Result result = kubectlWithInput(kubeconfig, "hello through the tunnel\n",
        "exec", "-i", pod, "--", "cat");
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("hello through the tunnel\n", result.stdout(), "stdin went up, stdout came back");
    String log = Files.readString(apiLog);
    assertTrue(log.contains("EXEC v5.channel.k8s.io GET /api/v1/namespaces/default/pods/" + pod + "/exec?"),
        "the API server switched to WebSocket v5.channel.k8s.io:\n" + log);
    assertTrue(log.lines().anyMatch(line -> line.startsWith("REQUEST GET /api/v1/namespaces/default/pods/" + pod + "/exec?")
        && line.endsWith(" impersonate-user=[kalice-" + run + "] impersonate-group=[edge-ops, edge-viewers]"
            + " authorization=Bearer " + AGENT_TOKEN)), "the exec arrived as alice with the role's groups:\n" + log);
    List<String> audited = admin.run("audit", "--since=30m", "--type=kube.request", "--format=json")
        .requireSuccess().stdout().lines().filter(line -> line.contains("pods/exec " + pod)).toList();
    assertEquals(1, audited.size(), "one kube.request for the exec: " + audited);
    assertTrue(audited.get(0).contains("command=[cat] status=101"), audited.get(0));
    // kubectl names the pod's only container itself
    isRecordedLikeAnSshSession(Cli.parseJson(audited.get(0)).get("session_id").asText(),
        "origin=kube exec default/" + pod + " container=shell command=[cat]", "exec-" + pod,
        "hello through the tunnel");
  }

  @Test
  @Order(7)
  void anExecOverSpdyIsRefusedBecauseItCouldNotBeRecorded() throws IOException {
    Path kubeconfig = kubeLogin(alice, "alice");
    String pod = applyPod(kubeconfig, "spdy-" + run);
    Command.Result result = Kubectl.runWithEnv(kubeconfig, Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"),
        "never sent\n", "exec", "-i", pod, "--", "cat");
    assertNotEquals(0, result.exitCode(), result.stdout());
    assertTrue(result.stderr().contains("kubectl exec over SPDY/3.1 cannot be recorded"), result.stderr());
    assertFalse(Files.readString(apiLog).contains("/pods/" + pod + "/exec?"),
        "the refused exec never reached the API server");
    List<String> audited = admin.run("audit", "--since=30m", "--type=kube.request", "--format=json")
        .requireSuccess().stdout().lines().filter(line -> line.contains("pods/exec " + pod)).toList();
    assertEquals(1, audited.size(), "one kube.request for the refused exec: " + audited);
    JsonNode refusal = Cli.parseJson(audited.get(0));
    assertEquals("FAILURE", refusal.get("outcome").asText(), audited.get(0));
    assertTrue(refusal.get("reason").asText().startsWith("create pods/exec " + pod
        + " namespace=default command=[cat] status=403 refused: kubectl exec over SPDY/3.1 cannot be"
        + " recorded, and your roles require recording"), audited.get(0));
  }

  /**
   * An exec or attach is a session: {@code session.start}/{@code session.end} with {@code note}
   * (its pod, container and command), and a complete recording at the proxy that lists, exports
   * and plays with the container's {@code output}.
   */
  private void isRecordedLikeAnSshSession(String session, String note, String name, String output)
      throws IOException {
    isRecordedLikeAnSshSession(session, note, name, output, "\"width\":80,\"height\":24");
  }

  /**
   * As above, on a terminal of {@code size} ({@code "width":W,"height":H}) at the start, the
   * cast holding {@code events} too.
   */
  private void isRecordedLikeAnSshSession(String session, String note, String name, String output,
      String size, String... events) throws IOException {
    assertTrue(session.matches("[0-9a-f-]{36}"), "the kube.request names its session: " + session);
    JsonNode start = sessionEvent("session.start", session);
    assertEquals("kalice-" + run, start.get("actor").asText());
    assertEquals("kube:" + kube, start.get("target").asText());
    assertEquals(node, start.get("node").asText());
    assertEquals(note, start.get("reason").asText());
    JsonNode end = sessionEvent("session.end", session);
    assertTrue(end.get("reason").asText().startsWith(note + ", bytes in "), end.toString());
    assertTrue(end.get("reason").asText().contains("status Success"), end.toString());
    assertFalse(end.get("reason").asText().contains("recording stopped"), end.toString());

    JsonNode[] recording = {null};
    Polling.await("a complete recording of session " + session, Duration.ofSeconds(30), () -> {
      for (JsonNode listed : Cli.parseJson(admin.run("recordings", "ls", "--format=json")
          .requireSuccess().stdout())) {
        if (session.equals(listed.path("session_id").asText()) && listed.get("complete").asBoolean()) {
          recording[0] = listed;
        }
      }
      return recording[0] != null;
    }, () -> "not listed yet");
    assertEquals("kalice-" + run, recording[0].get("user").asText());
    assertEquals("kalice-" + run, recording[0].get("login").asText(), "the impersonated Kubernetes user");
    assertEquals(node, recording[0].get("node").asText());
    Path cast = work.resolve(name + ".cast");
    Files.writeString(cast, admin.run("recordings", "export", session).requireSuccess().stdout());
    assertTrue(Files.readString(cast).startsWith("{\"version\":2," + size + ","), Files.readString(cast));
    for (String event : events) {
      assertTrue(Files.readString(cast).contains(event), event + " in " + Files.readString(cast));
    }
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/asciinema")),
        "asciinema (Debian, installed by .ci/run) plays the export");
    // asciinema reads its terminal's size from /dev/tty: give it one, as a user's shell would
    Command.Result played = Command.run(List.of("script", "-qec", "asciinema cat " + cast, "/dev/null"),
        Map.of(), null, Duration.ofSeconds(30));
    assertEquals(0, played.exitCode(), played.stdout() + played.stderr());
    assertTrue(played.stdout().contains(output),
        "the recording plays the container's output: " + played.stdout());
  }

  private JsonNode sessionEvent(String type, String session) {
    JsonNode[] found = {null};
    Polling.await(type + " of session " + session, Duration.ofSeconds(30), () -> {
      found[0] = admin.run("audit", "--since=30m", "--type=" + type, "--format=json").requireSuccess()
          .stdout().lines().filter(line -> !line.isBlank()).map(Cli::parseJson)
          .filter(event -> session.equals(event.path("session_id").asText())).findFirst().orElse(null);
      return found[0] != null;
    }, () -> "no " + type + " yet");
    return found[0];
  }

  @Test
  @Order(8)
  void attachPassesStdinAndStdoutThroughTheUpgradeAndIsRecorded() throws IOException {
    Path kubeconfig = kubeLogin(alice, "alice");
    String pod = applyPod(kubeconfig, "attached-" + run);
    Command.Result result = kubectlWithInput(kubeconfig, "attached\n", "attach", "-i", pod);
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("attached\n"), result.stdout());
    assertTrue(Files.readString(apiLog).contains("EXEC v5.channel.k8s.io GET /api/v1/namespaces/default/pods/" + pod + "/attach?"));
    List<String> audited = admin.run("audit", "--since=30m", "--type=kube.request", "--format=json")
        .requireSuccess().stdout().lines().filter(line -> line.contains("pods/attach " + pod)).toList();
    assertEquals(1, audited.size(), "one kube.request for the attach: " + audited);
    assertTrue(audited.get(0).contains("get pods/attach " + pod + " namespace=default status=101"), audited.get(0));
    isRecordedLikeAnSshSession(Cli.parseJson(audited.get(0)).get("session_id").asText(),
        "origin=kube attach default/" + pod + " container=shell", "attach-" + pod, "attached");
  }

  /**
   * {@code kubectl exec -it POD -- sh} as a user types it. kubectl asks for a TTY only when its
   * stdin is a terminal: util-linux {@code script} runs it on a pseudo-terminal of 100x30 columns
   * and rows, kubectl puts that in raw mode and sends its size, the test types into it and reads
   * what the container's terminal shows, then resizes it to 120x40, which kubectl sends on.
   */
  @Test
  @Order(8)
  void execWithATerminalRunsAShellFollowsResizesAndIsRecorded() throws Exception {
    Path kubeconfig = kubeLogin(alice, "alice");
    String pod = applyPod(kubeconfig, "tty-" + run);
    Path screen = work.resolve(pod + ".screen");
    Process terminal = new ProcessBuilder("script", "-qfec", "stty rows 30 cols 100 && exec kubectl"
        + " --kubeconfig=" + kubeconfig + " exec -it " + pod + " -- sh", "/dev/null")
        .redirectErrorStream(true).redirectOutput(screen.toFile()).start();
    try (OutputStream keys = terminal.getOutputStream()) {
      Polling.await("the shell's prompt", Duration.ofSeconds(60),
          () -> readQuietly(screen).contains("$ "), () -> readQuietly(screen));
      type(keys, "stty size\r");
      Polling.await("the terminal's size at the container", Duration.ofSeconds(30),
          () -> readQuietly(screen).contains("$ stty size\r\n30 100\r\n$ "), () -> readQuietly(screen));
      resize(terminal, 40, 120);
      Polling.await("the new size at the container", Duration.ofSeconds(30), () -> {
        type(keys, "stty size\r");
        return readQuietly(screen).contains("40 120\r\n");
      }, () -> readQuietly(screen));
      type(keys, "exit\r");
      assertTrue(terminal.waitFor(30, TimeUnit.SECONDS), "kubectl ends with the shell: " + readQuietly(screen));
      assertEquals(0, terminal.exitValue(), readQuietly(screen));
    } finally {
      terminal.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String log = Files.readString(apiLog);
    assertTrue(log.lines().anyMatch(line -> line.startsWith("EXEC v5.channel.k8s.io GET /api/v1/namespaces/default/pods/"
        + pod + "/exec?") && line.contains("tty=true")), "kubectl asked for a TTY:\n" + log);
    assertTrue(log.contains("RESIZE 100x30\n") && log.contains("RESIZE 120x40\n"), "both sizes arrived:\n" + log);
    List<String> audited = admin.run("audit", "--since=30m", "--type=kube.request", "--format=json")
        .requireSuccess().stdout().lines().filter(line -> line.contains("pods/exec " + pod)).toList();
    assertEquals(1, audited.size(), "one kube.request for the exec: " + audited);
    assertTrue(audited.get(0).contains("command=[sh] status=101"), audited.get(0));
    isRecordedLikeAnSshSession(Cli.parseJson(audited.get(0)).get("session_id").asText(),
        "origin=kube exec default/" + pod + " container=shell command=[sh]", pod, "30 100",
        "\"width\":100,\"height\":30", ",\"r\",\"120x40\"]");
  }

  /** Keys typed at the terminal; false when the terminal is gone. */
  private static boolean type(OutputStream keys, String text) {
    try {
      keys.write(text.getBytes(StandardCharsets.UTF_8));
      keys.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Resizes the pseudo-terminal kubectl runs on, as a terminal window does: the kernel signals
   * SIGWINCH to kubectl, which reads the new size.
   */
  private static void resize(Process terminal, int rows, int columns) throws IOException {
    ProcessHandle kubectl = Polling.awaitValue("kubectl under script", Duration.ofSeconds(10),
        () -> terminal.descendants().filter(p -> p.info().command()
            .map(command -> Path.of(command).getFileName().toString().startsWith("kubectl")).orElse(false))
            .findFirst().orElse(null));
    Path tty = Files.readSymbolicLink(Path.of("/proc", Long.toString(kubectl.pid()), "fd", "0"));
    Command.run(List.of("stty", "-F", tty.toString(), "rows", Integer.toString(rows), "cols",
        Integer.toString(columns)), Map.of(), null, Duration.ofSeconds(10)).requireSuccess();
  }

  @Test
  @Order(9)
  void aFollowedLogStreamsAsItIsWritten() throws Exception {
    Path kubeconfig = kubeLogin(alice, "alice");
    String pod = applyPod(kubeconfig, "logger-" + run);
    Path out = work.resolve("logs.out");
    Process logs = new ProcessBuilder("kubectl", "--kubeconfig=" + kubeconfig, "logs", "-f", pod)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline) && !Files.readString(out).contains("log line 1\n")) {
        Polling.sleep(100);
      }
      assertTrue(Files.readString(out).contains("log line 1\n"), Files.readString(out));
      assertTrue(logs.isAlive() && !Files.readString(out).contains("log line " + KubeApiStandIn.LOG_LINES),
          "the first line arrived while the container was still writing: " + Files.readString(out));
      assertTrue(logs.waitFor(30, TimeUnit.SECONDS), "kubectl ends with the log");
      assertEquals(0, logs.exitValue(), Files.readString(out));
      assertTrue(Files.readString(out).contains("log line " + KubeApiStandIn.LOG_LINES + "\n"), Files.readString(out));
    } finally {
      logs.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Stock {@code kubectl port-forward} as kubectl 1.30 and later run it by default: SPDY/3.1
   * tunnelled in a WebSocket ({@code SPDY/3.1+portforward.k8s.io}), a GET that switches protocols.
   */
  @Test
  @Order(10)
  void portForwardOverWebSocketCarriesBytesBothWays() throws Exception {
    portForwardEchoes("pf-ws-" + run, Map.of(), "websocket", "get");
  }

  /** The same over a plain HTTP upgrade to SPDY/3.1, kubectl's fallback and older kubectl's way. */
  @Test
  @Order(11)
  void portForwardOverSpdyCarriesBytesBothWays() throws Exception {
    portForwardEchoes("pf-spdy-" + run, Map.of("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false"),
        "spdy", "create");
  }

  /**
   * Forwards a local port to the stand-in's echo port of pod {@code name}, sends a line and 256
   * KiB through it, on two connections, and reads them back; then checks the upgrade {@code
   * protocol} reached the API server as alice with the role's groups and is audited once, as
   * {@code verb pods/portforward NAME ... status=101}.
   */
  private void portForwardEchoes(String name, Map<String, String> env, String protocol, String verb)
      throws Exception {
    Path kubeconfig = kubeLogin(alice, "alice");
    String pod = applyPod(kubeconfig, name);
    int local;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      local = probe.getLocalPort();
    }
    Path out = work.resolve(name + ".out");
    ProcessBuilder builder = new ProcessBuilder("kubectl", "--kubeconfig=" + kubeconfig,
        "port-forward", "--address=127.0.0.1", "pod/" + pod, local + ":" + KubeApiStandIn.ECHO_PORT)
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().putAll(env);
    Process forward = builder.start();
    try {
      Polling.await("kubectl port-forward listening", Duration.ofSeconds(60),
          () -> readQuietly(out).contains("Forwarding from 127.0.0.1:" + local),
          () -> readQuietly(out));
      byte[] line = ("through the tunnel and back " + run + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] bulk = new byte[256 * 1024];
      new Random(42).nextBytes(bulk);
      assertArrayEquals(line, echoed(local, line), "a line came back: " + readQuietly(out));
      assertArrayEquals(bulk, echoed(local, bulk), "256 KiB came back on a second connection");
    } finally {
      forward.destroy();
      forward.waitFor(10, TimeUnit.SECONDS);
      forward.destroyForcibly();
    }
    String log = Files.readString(apiLog);
    String path = "/api/v1/namespaces/default/pods/" + pod + "/portforward";
    assertTrue(log.lines().anyMatch(l -> l.startsWith("PORTFORWARD " + protocol + " ") && l.contains(path)),
        "the port-forward of " + pod + " went over " + protocol + ":\n" + log);
    assertTrue(log.lines().anyMatch(l -> l.startsWith("REQUEST ") && l.contains(path)
        && l.endsWith(" impersonate-user=[kalice-" + run + "] impersonate-group=[edge-ops, edge-viewers]"
            + " authorization=Bearer " + AGENT_TOKEN)), "the port-forward arrived as alice with the role's groups:\n" + log);
    List<String> audited = admin.run("audit", "--since=30m", "--type=kube.request", "--format=json")
        .requireSuccess().stdout().lines().filter(l -> l.contains("pods/portforward " + pod + " ")).toList();
    assertEquals(1, audited.size(), "one kube.request for the port-forward: " + audited);
    assertTrue(audited.get(0).contains(verb + " pods/portforward " + pod + " namespace=default status=101"),
        audited.get(0));
  }

  /**
   * An agent running as a pod: {@code --kube-cluster} without {@code --kubeconfig}, in a mount
   * namespace of its own where the service account's token and CA are at {@code
   * /var/run/secrets/kubernetes.io/serviceaccount}, with {@code KUBERNETES_SERVICE_HOST} and
   * {@code _PORT} set. The API server there speaks HTTPS with a certificate from that CA and
   * answers that token only; kubectl reaches it through the proxy as alice.
   */
  @Test
  @Order(12)
  void anAgentRunningAsAPodReachesTheApiServerWithItsServiceAccount() throws IOException {
    String probe = "curl -s -o /dev/null -w '%{http_code}' --cacert " + pod.mounted().resolve("ca.crt")
        + " https://127.0.0.1:" + POD_API_PORT + "/api";
    assertEquals("401", edge.exec(probe).requireSuccess().stdout().strip(),
        "the pods' API server is HTTPS with the account's CA, and refuses a request without its token");
    edge.join(admin, podNode, "env=edge", work.resolve(podNode), pod::around, "--kube-cluster=" + podKube);
    awaitListed(alice, podKube);
    Path kubeconfig = kubeLogin(alice, "alice-pod", podKube);
    String created = applyPod(kubeconfig, "in-pod-" + run);
    Command.Result pods = kubectl(kubeconfig, "get", "pods", "-n", "default", "-o", "name");
    assertEquals(0, pods.exitCode(), pods.stderr());
    assertTrue(pods.stdout().contains("pod/" + created), pods.stdout());
    String log = Files.readString(apiLog);
    for (String request : List.of("POST /api/v1/namespaces/default/pods", "GET /api/v1/namespaces/default/pods")) {
      assertTrue(log.lines().anyMatch(line -> line.startsWith("REQUEST " + request)
          && line.endsWith(" impersonate-user=[kalice-" + run + "] impersonate-group=[edge-ops, edge-viewers]"
              + " authorization=Bearer " + pod.token())),
          request + " arrived over HTTPS with the service account's token, as alice with the role's groups:\n" + log);
    }
    assertFalse(log.contains("REFUSED GET /api/v1/namespaces/default/pods"), "no request of the agent was refused:\n" + log);
  }

  /** Sends {@code data} to 127.0.0.1:{@code port} and reads as many bytes back. */
  private static byte[] echoed(int port, byte[] data) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
        try {
          socket.getOutputStream().write(data);
          socket.getOutputStream().flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      byte[] back = socket.getInputStream().readNBytes(data.length);
      sent.get(30, TimeUnit.SECONDS);
      return back;
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Creates pod {@code name} in namespace default (kept by the stand-in's store; nothing runs). */
  private String applyPod(Path kubeconfig, String name) throws IOException {
    return Kubectl.applyPod(kubeconfig, work, name);
  }

  private JsonNode awaitListed(Cli user, String name) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode cluster : user.json("kube", "ls", "--format=json")) {
        if (cluster.get("name").asText().equals(name) && cluster.get("online").asBoolean()) {
          return cluster;
        }
      }
      Polling.sleep(1_000);
    }
    throw new AssertionError("cluster " + name + " not listed online: " + user.run("kube", "ls").stdout());
  }

  private Path kubeLogin(Cli user, String name) {
    return kubeLogin(user, name, kube);
  }

  /** {@code outpost kube login CLUSTER} into a kubeconfig of its own, {@code name}.kubeconfig. */
  private Path kubeLogin(Cli user, String name, String cluster) {
    Path kubeconfig = work.resolve(name + ".kubeconfig");
    Command.Result result = user.runWith(Map.of("KUBECONFIG", kubeconfig.toString()), null, "kube", "login", cluster);
    assertEquals(0, result.exitCode(), result.stderr());
    return kubeconfig;
  }

  private Command.Result kubectl(Path kubeconfig, String... args) {
    return kubectlWithInput(kubeconfig, null, args);
  }

  private Command.Result kubectlWithInput(Path kubeconfig, String stdin, String... args) {
    return Kubectl.run(kubeconfig, stdin, args);
  }
}
