package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.agent.Fixtures;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.api.UserCertificatePermissions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The role options the node enforces from the certificate: {@code record_session} when the node
 * cannot record (here: a recorder that always fails, as a full disk does) and {@code
 * client_idle_timeout}. Real MINA server and client, real PTY.
 */
class SessionLimitsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final String LOGIN = System.getProperty("user.name");

  private static final List<String> events = new CopyOnWriteArrayList<>();
  private static KeyPair userCa;
  private static KeyPair userKey;
  private static BuiltinSshServer server;
  private static TunnelledSshPort port;
  private static SshClient client;

  /** A node whose disk is full: no terminal can be recorded. */
  private static final SessionObserver CANNOT_RECORD = new SessionObserver() {
    @Override
    public TerminalRecorder recordTerminal(ChannelSession channel, TerminalSize size)
        throws IOException {
      throw new IOException("less than 1 MiB free for recordings");
    }

    @Override
    public void event(Session session, String type, String target, boolean success, String reason) {
      events.add(type + " " + (success ? "SUCCESS" : "FAILURE") + " " + reason);
    }
  };

  @BeforeAll
  static void startServer() throws Exception {
    KeyPair hostCa = Fixtures.ed25519();
    userCa = Fixtures.ed25519();
    userKey = Fixtures.ed25519();
    Instant now = Instant.now();
    CurrentIdentity identity =
        new CurrentIdentity(Fixtures.identity(hostCa, userCa, now.minusSeconds(60), now.plus(Duration.ofDays(7))));
    server = BuiltinSshServer.start(
        identity, LoginLauncher.forCurrentUser(), Optional::empty, Clock.systemUTC(), CANNOT_RECORD);
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
  void strictRecordingRefusesATerminalTheNodeCannotRecord() throws Exception {
    Shell shell = shell(permissions(false, Optional.empty()), "echo RAN; exit 3\n");

    assertTrue(shell.screen.contains("less than 1 MiB free"), shell.screen);
    assertTrue(!shell.screen.contains("RAN"), "nothing runs unrecorded: " + shell.screen);
    assertEquals(1, shell.status);
    assertTrue(events.contains("recording.failure FAILURE session refused: less than 1 MiB free for recordings"),
        events.toString());
  }

  @Test
  void bestEffortRecordingRunsItUnrecordedAndSaysSo() throws Exception {
    Shell shell = shell(permissions(true, Optional.empty()), "echo R''AN; exit 3\n");

    assertTrue(shell.screen.contains("RAN"), shell.screen);
    assertEquals(3, shell.status);
    assertTrue(events.contains("recording.failure FAILURE running unrecorded (record_session: best-effort): "
        + "less than 1 MiB free for recordings"), events.toString());
  }

  @Test
  void aSilentClientIsDisconnectedAfterItsIdleTimeoutWhateverTheProcessPrints() throws Exception {
    long started = System.nanoTime();
    // the process keeps printing, the client types once and then nothing
    Shell shell = shell(permissions(true, Optional.of(Duration.ofSeconds(2))),
        "while true; do echo tick; sleep 0.3; done\n");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertTrue(shell.screen.contains("tick"), shell.screen);
    assertTrue(shell.screen.contains("no input for 2 s (client_idle_timeout of your roles): session ended"),
        shell.screen);
    assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0, "not before the timeout: " + took);
  }

  private static UserCertificatePermissions permissions(boolean bestEffort, Optional<Duration> idle) {
    return new UserCertificatePermissions("test", List.of("edge-ops"), false, false, bestEffort, idle);
  }

  private record Shell(String screen, int status) {}

  /** A PTY shell that is sent {@code typed} once, until the server closes it. */
  private static Shell shell(UserCertificatePermissions permissions, String typed) throws Exception {
    Instant now = Instant.now();
    try (ClientSession session = client.connect(LOGIN, "edge-1", port.port())
            .verify(TIMEOUT).getSession()) {
      session.addPublicKeyIdentity(new KeyPair(Fixtures.userCertificate(userCa, userKey, List.of(LOGIN),
          now.minusSeconds(60), now.plusSeconds(600), Map.of(), permissions.extensions()),
          userKey.getPrivate()));
      session.auth().verify(TIMEOUT);
      try (ChannelShell shell = session.createShellChannel()) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        shell.setOut(screen);
        shell.setErr(screen);
        PipedOutputStream keyboard = new PipedOutputStream();
        shell.setIn(new PipedInputStream(keyboard));
        shell.open().verify(TIMEOUT);
        keyboard.write(typed.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
        Integer status = shell.getExitStatus();
        return new Shell(screen.toString(StandardCharsets.UTF_8), status == null ? -1 : status);
      }
    }
  }
}
