package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outpost.agent.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.recording.EventSpool;
import dev.outpost.agent.recording.NodeRecorder;
import dev.outpost.agent.recording.RecordingSpool;
import dev.outpost.api.NodeEvent;
import dev.outpost.api.UserCertificatePermissions;
import dev.outpost.client.http.WireJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MINA server, reached as the agent reaches it (tunnel streams handed over in process), driven
 * by a MINA client holding certificates.
 */
class BuiltinSshServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String LOGIN = System.getProperty("user.name");

  private static KeyPair hostCa;
  private static KeyPair userCa;
  private static KeyPair userKey;
  private static BuiltinSshServer server;
  private static TunnelledSshPort port;
  private static SshClient client;
  private static RecordingSpool recordings;
  private static EventSpool events;

  @TempDir static Path spool;

  @BeforeAll
  static void startServer() throws Exception {
    hostCa = Fixtures.ed25519();
    userCa = Fixtures.ed25519();
    userKey = Fixtures.ed25519();
    recordings = new RecordingSpool(spool.resolve("recordings"));
    events = new EventSpool(spool.resolve("events"));
    Instant now = Instant.now();
    CurrentIdentity identity =
        new CurrentIdentity(Fixtures.identity(hostCa, userCa, now.minusSeconds(60), now.plus(Duration.ofDays(7))));
    server =
        BuiltinSshServer.start(
            identity, LoginLauncher.forCurrentUser(), Optional::empty, Clock.systemUTC(),
            new NodeRecorder(recordings, events, Clock.systemUTC(), () -> {}));
    port = new TunnelledSshPort(identity, server::serve, "alice");
    client = Fixtures.trustingClient();
  }

  @AfterAll
  static void stopServer() throws IOException {
    client.stop();
    port.close();
    server.close();
  }

  @Test
  void validCertificateRunsCommandAsLogin() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)))) {
      Result result = exec(session, "echo hi; id -un", "");
      assertEquals("hi\n" + LOGIN + "\n", result.stdout());
      assertEquals(0, result.status());
    }
  }

  @Test
  void exitStatusStderrAndStdinEofArePropagated() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)))) {
      assertEquals(3, exec(session, "exit 3", "").status());
      Result cat = exec(session, "cat; echo oops >&2", "piped input");
      assertEquals("piped input", cat.stdout());
      assertEquals("oops\n", cat.stderr());
    }
  }

  @Test
  void deathBySignalIsReportedAsExitSignal() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)));
        ChannelExec channel = session.createExecChannel("kill -TERM $$")) {
      channel.setOut(new ByteArrayOutputStream());
      channel.setErr(new ByteArrayOutputStream());
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      assertEquals("TERM", channel.getExitSignal());
      assertNull(channel.getExitStatus());
    }
  }

  @Test
  void largeOutputArrivesWhole() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)));
        ChannelExec channel = session.createExecChannel("head -c 67108864 /dev/zero")) {
      CountingStream out = new CountingStream();
      channel.setOut(out);
      channel.setErr(new ByteArrayOutputStream());
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT.multipliedBy(3));
      assertEquals(64L << 20, out.count);
      assertEquals(0, channel.getExitStatus());
    }
  }

  @Test
  void shellRunsOnARealTerminalThatFollowsWindowChanges() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)));
        ChannelShell shell = session.createShellChannel()) {
      shell.setPtyColumns(80);
      shell.setPtyLines(24);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      shell.setOut(out);
      shell.setErr(out);
      PipedOutputStream keyboard = new PipedOutputStream();
      shell.setIn(new PipedInputStream(keyboard));
      shell.open().verify(TIMEOUT);
      shell.sendWindowChange(120, 50);
      keyboard.write("tty; stty size; exit 7\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      String screen = out.toString(StandardCharsets.UTF_8);
      assertTrue(screen.contains("/dev/pts/"), screen);
      assertTrue(screen.contains("50 120"), screen);
      assertEquals(7, shell.getExitStatus());
      assertRecorded(screen, "120x50");
    }
  }

  @Test
  void commandsLeaveAuditEventsForTheProxy() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)))) {
      exec(session, "exit 4", "");
    }
    NodeEvent event = events.pending(100).stream()
        .filter(e -> "exit 4".equals(e.target())).findFirst().orElseThrow();
    assertEquals("exec", event.type());
    assertEquals("FAILURE", event.outcome());
    assertEquals("exit status 4", event.reason());
    assertEquals(LOGIN, event.login());
  }

  /** The spooled recording that ends with the session holds exactly what the client was sent. */
  private static void assertRecorded(String screen, String resize) throws Exception {
    for (UUID id : recordings.pending()) {
      List<String> lines = Files.readAllLines(recordings.cast(id), StandardCharsets.UTF_8);
      StringBuilder output = new StringBuilder();
      boolean resized = false;
      for (String line : lines.subList(1, lines.size())) {
        JsonNode event = WireJson.mapper().readTree(line);
        if ("o".equals(event.get(1).asText())) {
          output.append(event.get(2).asText());
        }
        resized |= "r".equals(event.get(1).asText()) && resize.equals(event.get(2).asText());
      }
      if (output.toString().equals(screen)) {
        assertEquals(2, WireJson.mapper().readTree(lines.get(0)).get("version").asInt());
        assertTrue(resized, "the window change is recorded");
        assertTrue(recordings.ended(id).isPresent(), "ended before the client saw the close");
        return;
      }
    }
    throw new AssertionError("no recording holds exactly what the client saw: " + screen);
  }

  @Test
  void onlyAllowlistedEnvironmentReachesTheSession() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)));
        ChannelExec channel = session.createExecChannel("echo \"$LANG|$LD_PRELOAD|$BASH_ENV|$HOME\"")) {
      channel.setEnv("LANG", "C.UTF-8");
      channel.setEnv("LD_PRELOAD", "/tmp/evil.so");
      channel.setEnv("BASH_ENV", "/tmp/evil.sh");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      channel.setOut(out);
      channel.setErr(new ByteArrayOutputStream());
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      assertEquals("C.UTF-8|||" + System.getProperty("user.home") + "\n", out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void rootAgentRunsOtherLoginsAsThemselves() throws Exception {
    assumeTrue(AgentUser.current().root(), "switching users needs root");
    // nobody's login shell is nologin(8): its refusal proves the session ran as nobody, via runuser
    try (ClientSession session = login("nobody", certificate(List.of("nobody"), Instant.now().plusSeconds(600)))) {
      Result result = exec(session, "id -un", "");
      assertEquals(1, result.status());
      String said = result.stdout() + result.stderr();
      assertTrue(said.contains("not available"), said);
    }
  }

  @Test
  void certificateForAnotherLoginIsRefused() throws Exception {
    OpenSshCertificate other = certificate(List.of("someone-else"), Instant.now().plusSeconds(600));
    assertThrows(IOException.class, () -> login(LOGIN, other).close());
  }

  @Test
  void expiredCertificateIsRefused() throws Exception {
    OpenSshCertificate expired =
        Fixtures.userCertificate(
            userCa, userKey, List.of(LOGIN), Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60), Map.of());
    assertThrows(IOException.class, () -> login(LOGIN, expired).close());
  }

  @Test
  void certificateFromForeignCaIsRefused() throws Exception {
    OpenSshCertificate foreign =
        Fixtures.userCertificate(
            Fixtures.ed25519(), userKey, List.of(LOGIN), Instant.now().minusSeconds(60), Instant.now().plusSeconds(600), Map.of());
    assertThrows(IOException.class, () -> login(LOGIN, foreign).close());
  }

  @Test
  void plainKeyIsRefused() {
    assertThrows(IOException.class, () -> login(LOGIN, userKey.getPublic()).close());
  }

  @Test
  void serverListensOnNoSocket() throws Exception {
    Set<String> before = listeningSockets();
    Instant now = Instant.now();
    try (BuiltinSshServer another = BuiltinSshServer.start(
        new CurrentIdentity(Fixtures.identity(hostCa, userCa, now.minusSeconds(60), now.plusSeconds(600))),
        LoginLauncher.forCurrentUser(), Optional::empty, Clock.systemUTC(), SessionObserver.NONE)) {
      assertEquals(before, listeningSockets(), "listening sockets of this JVM before and after the start");
    }
  }

  /** The inodes of this process's TCP sockets in the LISTEN state (0A in /proc/net/tcp*). */
  private static Set<String> listeningSockets() throws IOException {
    Set<String> listening = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows = Files.readAllLines(Path.of(table));
      for (String row : rows.subList(1, rows.size())) {
        String[] columns = row.trim().split("\\s+");
        if ("0A".equals(columns[3])) {
          listening.add("socket:[" + columns[9] + "]");
        }
      }
    }
    Set<String> own = new HashSet<>();
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path descriptor : descriptors) {
        try {
          String link = Files.readSymbolicLink(descriptor).toString();
          if (listening.contains(link)) {
            own.add(link);
          }
        } catch (IOException e) {
          // closed while listing
        }
      }
    }
    return own;
  }

  @Test
  void hostCertificateSignedByHostCaIsPresented() throws Exception {
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)))) {
      OpenSshCertificate hostCertificate = assertInstanceOf(OpenSshCertificate.class, session.getServerKey());
      assertEquals(OpenSshCertificate.Type.HOST, hostCertificate.getType());
      assertTrue(KeyUtils.compareKeys(hostCa.getPublic(), hostCertificate.getCaPubKey()));
    }
  }

  @Test
  void sftpFallsBackToBuiltinServerForAgentUser(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("hello.txt");
    Files.writeString(file, "over sftp");
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)));
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      try (var in = sftp.read(file.toString())) {
        assertEquals("over sftp", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void portForwardingIsRefusedWithoutPermission() throws Exception {
    SshdSocketAddress somewhere = new SshdSocketAddress("127.0.0.1", 9);
    try (ClientSession session = login(LOGIN, certificate(List.of(LOGIN), Instant.now().plusSeconds(600)));
        ChannelDirectTcpip local = session.createDirectTcpipChannel(new SshdSocketAddress("127.0.0.1", 1), somewhere)) {
      assertThrows(Exception.class, () -> local.open().verify(TIMEOUT));
      assertThrows(
          IOException.class,
          () -> session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", 0), somewhere));
    }
    // ssh -L (connect) and ssh -R (listen) are both refused and audited
    List<NodeEvent> refused = events.pending(100).stream()
        .filter(e -> "port_forward".equals(e.type())).toList();
    assertTrue(refused.stream().anyMatch(e -> e.target().startsWith("listen ")), refused.toString());
    assertTrue(refused.stream().anyMatch(e -> e.target().startsWith("connect ")), refused.toString());
    assertTrue(refused.stream().allMatch(e -> "FAILURE".equals(e.outcome())));
  }

  @Test
  void portForwardingIsAllowedWhenTheCertificatePermitsIt() throws Exception {
    try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ClientSession session = login(LOGIN, permitting(true, false));
        ChannelDirectTcpip local =
            session.createDirectTcpipChannel(
                new SshdSocketAddress("127.0.0.1", 1), new SshdSocketAddress("127.0.0.1", target.getLocalPort()))) {
      local.open().verify(TIMEOUT);
      assertTrue(local.isOpen());
      assertThrows(
          IOException.class,
          () -> session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", 9)));
    }
  }

  @Test
  void fileCopyIsRefusedUnlessTheCertificatePermitsIt(@TempDir Path directory) throws Exception {
    try (ClientSession session = login(LOGIN, permitting(false, false))) {
      Result scp = exec(session, "scp -t " + directory, "");
      assertEquals(1, scp.status());
      assertTrue(scp.stderr().contains(SessionCommands.FILE_COPY_REFUSED), scp.stderr());
      assertThrows(IOException.class, () -> SftpClientFactory.instance().createSftpClient(session).close());
      assertEquals("allowed\n", exec(session, "echo allowed", "").stdout());
    }
  }

  @Test
  void fileCopyServersAreRecognised() {
    assertTrue(SessionCommands.isFileCopy("scp -t /tmp"));
    assertTrue(SessionCommands.isFileCopy("/usr/bin/scp -f x"));
    assertTrue(SessionCommands.isFileCopy("rsync --server -vlogDtpre.iLsfxC . /tmp"));
    assertTrue(SessionCommands.isFileCopy("/usr/lib/openssh/sftp-server"));
    assertFalse(SessionCommands.isFileCopy("echo scp"));
    assertFalse(SessionCommands.isFileCopy("scpx -t /tmp"));
  }

  private static OpenSshCertificate permitting(boolean portForwarding, boolean fileCopy) throws Exception {
    return Fixtures.userCertificate(
        userCa,
        userKey,
        List.of(LOGIN),
        Instant.now().minusSeconds(60),
        Instant.now().plusSeconds(600),
        Map.of(),
        new UserCertificatePermissions("test", List.of("edge-ops"), portForwarding, fileCopy).extensions());
  }

  private static OpenSshCertificate certificate(List<String> logins, Instant until) throws Exception {
    return Fixtures.userCertificate(userCa, userKey, logins, Instant.now().minusSeconds(60), until, Map.of());
  }

  /** Connects by node name, as users do, so that the client checks the host certificate's principals. */
  private static ClientSession login(String login, PublicKey presented) throws IOException {
    ClientSession session =
        client.connect(login, "edge-1", port.port()).verify(TIMEOUT).getSession();
    try {
      session.addPublicKeyIdentity(new KeyPair(presented, userKey.getPrivate()));
      session.auth().verify(TIMEOUT);
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static Result exec(ClientSession session, String command, String input) throws IOException {
    try (ChannelExec channel = session.createExecChannel(command)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      channel.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      Integer status = channel.getExitStatus();
      return new Result(
          out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status == null ? -1 : status);
    }
  }

  private record Result(String stdout, String stderr, int status) {}

  private static final class CountingStream extends java.io.OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
