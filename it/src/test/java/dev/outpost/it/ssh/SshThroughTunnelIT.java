package dev.outpost.it.ssh;

import static dev.outpost.it.AdminTasks.acceptInvite;
import static dev.outpost.it.AdminTasks.findNode;
import static dev.outpost.it.AdminTasks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import dev.outpost.it.Command;
import dev.outpost.it.EdgeHost;
import dev.outpost.it.Polling;
import dev.outpost.it.TestCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton as a user lives it: a node behind a dial-out-only firewall joins with a
 * single-use token, and stock OpenSSH ({@code ssh}, {@code ssh -tt}, {@code scp}, {@code sftp})
 * and {@code outpost ssh} reach it through the proxy; the node refuses certificates that are not
 * for the login, expired, or from another CA; after the proxy is killed and restarted, the agent
 * comes back by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshThroughTunnelIT {
  private static final Duration SSH_TIMEOUT = Duration.ofMinutes(2);

  private final String node = "edge-" + UUID.randomUUID().toString().substring(0, 8);
  private EdgeHost edge;
  private Cli admin;
  private Path sshConfig;
  private Path work;

  @BeforeAll
  void startNodeBehindNat() throws IOException {
    Assumptions.assumeTrue(EdgeHost.supported(),
        "end-to-end SSH tests need root with iproute2 and iptables to build network namespaces");
    work = Files.createDirectories(TestCluster.get().layout().dataDir().resolve("ssh-it"));
    admin = Cli.fresh("admin-" + node).login("admin", TestCluster.ADMIN_PASSWORD);
    edge = EdgeHost.create();
    edge.join(admin, node, "env=edge", work.resolve(node));
    sshConfig = admin.sshConfig();
  }

  @AfterAll
  void stopNode() {
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  @Order(1)
  void proxySideCannotOpenConnectionIntoEdgeHost() {
    edge.spawn(List.of("nc", "-l", "-k", "-p", "2222"), work.resolve("listener.log"));
    assertEquals(0, edge.exec("for i in $(seq 50); do nc -z 127.0.0.1 2222 && exit 0; sleep 0.1; done; exit 1").exitCode(),
        "the listener inside the namespace is up");
    assertThrows(IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(edge.address(), 2222), 2000);
      }
    }, "a connection from the proxy side into the edge host must fail");
  }

  @Test
  @Order(2)
  void nodeIsListedOnlineWithLabels() {
    JsonNode listed = admin.listed(node);
    assertNotNull(listed, "node " + node + " is listed");
    assertTrue(listed.get("online").asBoolean());
    assertEquals("edge", listed.get("labels").get("env").asText());
    String text = admin.run("ls").requireSuccess().stdout();
    assertTrue(text.contains(node), text);
  }

  @Test
  @Order(2)
  void agentListensOnNoPort() {
    assertTrue(admin.listed(node).get("online").asBoolean(), "the agent is up and its SSH server started");
    Command.Result sockets = edge.exec("ss -Hltunp");
    assertEquals(0, sockets.exitCode(), sockets.stderr());
    assertFalse(sockets.stdout().contains("java"), "listening sockets in the edge host:\n" + sockets.stdout());
  }

  @Test
  @Order(3)
  void stockSshRunsCommandWithExitStatus() {
    Command.Result result = ssh(List.of("-o", "BatchMode=yes", target(), "uname -s; exit 3"), null);
    assertEquals(3, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("Linux"), result.stdout());
  }

  @Test
  @Order(4)
  void stockSshInteractivePty() {
    Command.Result result = ssh(List.of("-tt", target()), "echo pty=$((6*7)); tty; exit\n");
    assertTrue(result.stdout().contains("pty=42"), result.stdout());
    assertTrue(result.stdout().contains("/dev/pts/"), "a real PTY: " + result.stdout());
  }

  @Test
  @Order(5)
  void scpRoundTripsFiftyMebibytes() throws Exception {
    Path original = work.resolve("random.bin");
    byte[] data = new byte[50 * 1024 * 1024];
    new SecureRandom().nextBytes(data);
    Files.write(original, data);
    Path back = work.resolve("random.back");
    command(List.of("scp", "-F", sshConfig.toString(), "-o", "BatchMode=yes", original.toString(),
        target() + ":/tmp/outpost-scp.bin")).requireSuccess();
    command(List.of("scp", "-F", sshConfig.toString(), "-o", "BatchMode=yes",
        target() + ":/tmp/outpost-scp.bin", back.toString())).requireSuccess();
    assertEquals(sha256(original), sha256(back));
  }

  @Test
  @Order(6)
  void sftpListsDirectory() throws IOException {
    ssh(List.of(target(), "mkdir -p /tmp/sftp-it && touch /tmp/sftp-it/marker-" + node), null).requireSuccess();
    Path batch = Files.writeString(work.resolve("sftp.batch"), "ls /tmp/sftp-it\n");
    Command.Result result = command(List.of("sftp", "-F", sshConfig.toString(), "-b", batch.toString(), target()));
    result.requireSuccess();
    assertTrue(result.stdout().contains("marker-" + node), result.stdout());
  }

  @Test
  @Order(7)
  void outpostSshRunsCommandWithExitStatus() {
    Command.Result ok = admin.run("ssh", "root@" + node, "echo", "hello-from-" + node);
    assertEquals(0, ok.exitCode(), ok.stderr());
    assertTrue(ok.stdout().contains("hello-from-" + node), ok.stdout());
    assertEquals(7, admin.run("ssh", "root@" + node, "exit 7").exitCode());
  }

  @Test
  @Order(7)
  void outpostScpCopiesBothWays() throws Exception {
    Path sent = Files.writeString(work.resolve("outpost-scp.txt"), "copied by outpost scp " + node);
    Path back = work.resolve("outpost-scp.back");
    admin.run("scp", sent.toString(), "root@" + node + ":/tmp/outpost-scp.txt").requireSuccess();
    admin.run("scp", "root@" + node + ":/tmp/outpost-scp.txt", back.toString()).requireSuccess();
    assertEquals(Files.readString(sent), Files.readString(back));
    Command.Result both = admin.run("scp", sent.toString(), back.toString());
    assertEquals(2, both.exitCode(), "two local paths are a usage error: " + both.stderr());
  }

  @Test
  @Order(8)
  void nodeRefusesCertificateForAnotherLogin() throws IOException {
    Cli other = admin.addUser("nobody-" + node, "access", "nobody", "correct horse battery staple");
    assertRefusedByNode(other.home().resolve("key"), other.home().resolve("key-cert.pub"));
  }

  @Test
  @Order(9)
  void nodeRefusesExpiredCertificate() throws Exception {
    Cli shortLived = Cli.fresh("short-" + node).login("admin", TestCluster.ADMIN_PASSWORD, "--ttl=5s");
    Polling.sleep(6_000);
    assertRefusedByNode(shortLived.home().resolve("key"), shortLived.home().resolve("key-cert.pub"));
  }

  /** The foreign certificate claims this cluster and role admin: the node trusts no claim of a CA it does not know. */
  @Test
  @Order(10)
  void nodeRefusesCertificateFromForeignCa() throws IOException {
    Path dir = Files.createDirectories(work.resolve("foreign"));
    command(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("ca").toString())).requireSuccess();
    command(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("key").toString())).requireSuccess();
    command(List.of("ssh-keygen", "-q", "-s", dir.resolve("ca").toString(), "-I", "mallory", "-n", "root",
        "-V", "-5m:+1h", "-O", "extension:cluster@outpost.dev=" + TestCluster.CLUSTER_NAME,
        "-O", "extension:roles@outpost.dev=admin,access", "-O", "extension:permit-file-copy@outpost.dev",
        dir.resolve("key.pub").toString())).requireSuccess();
    assertRefusedByNode(dir.resolve("key"), dir.resolve("key-cert.pub"));
  }

  @Test
  @Order(11)
  void joinTokenIsSingleUse() throws Exception {
    JsonNode token = admin.json("admin", "tokens", "add", "--type=node", "--format=json");
    String first = node + "-a";
    edge.startAgent(first, token.get("token").asText(), token.get("ca_pin").asText(), work.resolve(first));
    admin.awaitOnline(first, Duration.ofSeconds(90));
    Process second = edge.startAgent(node + "-b", token.get("token").asText(), token.get("ca_pin").asText(),
        work.resolve(node + "-b"));
    assertTrue(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "a refused join ends the agent");
    assertNotEquals(0, second.exitValue());
    String log = Files.readString(work.resolve(node + "-b.log"));
    assertTrue(log.contains("join token is invalid, expired or already used"), log);
  }

  @Test
  @Order(12)
  void aWithdrawnTokenIsNoLongerListedAndCannotJoin() throws Exception {
    JsonNode token = admin.json("admin", "tokens", "add", "--type=node", "--format=json");
    String id = token.get("id").asText();
    assertTrue(listedTokenIds().contains(id), "a fresh token is listed");
    admin.run("admin", "tokens", "rm", id).requireSuccess();
    assertFalse(listedTokenIds().contains(id), "a withdrawn token is not");
    Process agent = edge.startAgent(node + "-c", token.get("token").asText(),
        token.get("ca_pin").asText(), work.resolve(node + "-c"));
    assertTrue(agent.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "a refused join ends the agent");
    assertNotEquals(0, agent.exitValue());
    String log = Files.readString(work.resolve(node + "-c.log"));
    assertTrue(log.contains("join token is invalid, expired or already used"), log);
  }

  private List<String> listedTokenIds() {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode listed : admin.json("admin", "tokens", "ls", "--format=json")) {
      assertFalse(listed.has("token"), "never the secret: " + listed);
      ids.add(listed.get("id").asText());
    }
    return ids;
  }

  /**
   * Stock {@code ssh} through the launcher script {@code bin/outpost}, which {@code outpost config}
   * names as the ProxyCommand when it runs through it: the first connection records the classes
   * the ProxyCommand loads, the second has the class-data archive made in the background, the
   * third maps it. Each must carry the SSH connection untouched (nothing of the JVM's on stdout).
   */
  @Test
  @Order(13)
  void stockSshThroughTheLauncherScriptBuildsAndMapsItsClassDataArchive() throws IOException {
    Path launcher = TestCluster.get().layout().root().resolve("bin/outpost");
    Path userHome = Files.createDirectories(work.resolve("launcher-home"));
    Map<String, String> environment = Map.of("OUTPOST_HOME", admin.home().toString(),
        "OUTPOST_JAR", TestCluster.get().layout().cliJar().toString(), "HOME", userHome.toString());
    String config = Command.run(List.of(launcher.toString(), "config"), environment, null,
        SSH_TIMEOUT).requireSuccess().stdout();
    assertTrue(config.contains("/bin/outpost "), "the launcher is the ProxyCommand: " + config);
    Path launcherConfig = Files.writeString(work.resolve("launcher_ssh_config"), config);
    Path archives = userHome.resolve(".outpost/cds");

    for (int connection = 1; connection <= 3; connection++) {
      Command.Result result = Command.run(List.of("ssh", "-F", launcherConfig.toString(), "-o",
          "BatchMode=yes", target(), "echo connection-" + connection), environment, null, SSH_TIMEOUT);
      assertEquals("connection-" + connection + "\n", result.stdout(), result.stderr());
      if (connection == 2) {
        Polling.await("the ProxyCommand's class-data archive", Duration.ofSeconds(90),
            () -> archiveIn(archives), () -> String.join(" ", list(archives)));
      }
    }
  }

  private static boolean archiveIn(Path directory) {
    return list(directory).stream().anyMatch(name -> name.startsWith("proxy-") && name.endsWith(".jsa"));
  }

  private static List<String> list(Path directory) {
    try (var files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of(e.toString());
    }
  }

  @Test
  @Order(100)
  void agentComesBackAfterProxyRestart() {
    TestCluster.get().restartProxy();
    admin.awaitOnline(node, Duration.ofSeconds(120));
    Command.Result result = ssh(List.of("-o", "BatchMode=yes", target(), "echo back"), null);
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("back"));
  }

  /** ssh through the same proxy path, but presenting only the given key and certificate. */
  private void assertRefusedByNode(Path key, Path certificate) throws IOException {
    String config = Files.readAllLines(sshConfig).stream()
        .filter(line -> !line.strip().startsWith("IdentityFile") && !line.strip().startsWith("CertificateFile"))
        .collect(Collectors.joining("\n"));
    Path restricted = Files.writeString(work.resolve("restricted-" + key.getParent().getFileName()), config + "\n");
    Command.Result result = command(List.of("ssh", "-F", restricted.toString(), "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + key, "-o", "CertificateFile=" + certificate,
        target(), "echo should-not-run"));
    assertEquals(255, result.exitCode(), "ssh must fail to authenticate: " + result.stdout() + result.stderr());
    assertTrue(result.stderr().contains("Permission denied"), result.stderr());
  }

  private String target() {
    return "root@" + node + "." + TestCluster.CLUSTER_NAME;
  }

  private Command.Result ssh(List<String> args, String stdin) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", sshConfig.toString()));
    command.addAll(args);
    return Command.run(command, Map.of(), stdin, SSH_TIMEOUT);
  }

  private static Command.Result command(List<String> command) {
    return Command.run(command, Map.of(), null, SSH_TIMEOUT);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
