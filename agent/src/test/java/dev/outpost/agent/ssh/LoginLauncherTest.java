package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How sessions are started as the login, for a root agent and for an unprivileged one. */
class LoginLauncherTest {
  private static final Path RUNUSER = Path.of("/usr/sbin/runuser");
  private static final AccountDirectory ACCOUNTS =
      login ->
          switch (login) {
            case "root" -> Optional.of(new Account("root", 0, Path.of("/root"), "/bin/bash"));
            case "pi" -> Optional.of(new Account("pi", 1000, Path.of("/home/pi"), "/bin/zsh"));
            case "agent" -> Optional.of(new Account("agent", 999, Path.of("/nonexistent"), "/bin/sh"));
            default -> Optional.empty();
          };

  private final LoginLauncher asRoot =
      new LoginLauncher(new AgentUser("root", true), ACCOUNTS, Optional.of(RUNUSER));
  private final LoginLauncher asAgent =
      new LoginLauncher(new AgentUser("agent", false), ACCOUNTS, Optional.of(RUNUSER));

  @Test
  void rootStartsOtherLoginsThroughRunuser() throws Exception {
    assertEquals(
        List.of("/usr/sbin/runuser", "-u", "pi", "--", "/bin/zsh", "-l"),
        asRoot.shell("pi", Map.of()).command());
    assertEquals(
        List.of("/usr/sbin/runuser", "-u", "pi", "--", "/bin/zsh", "-c", "uname -a; id"),
        asRoot.command("pi", "uname -a; id", Map.of()).command());
    assertEquals(
        List.of("/usr/sbin/runuser", "-u", "pi", "--", "/usr/lib/openssh/sftp-server"),
        asRoot.program("pi", "/usr/lib/openssh/sftp-server", Map.of()).command());
  }

  @Test
  void theAgentsOwnLoginNeedsNoSwitch() throws Exception {
    assertEquals(List.of("/bin/bash", "-c", "id"), asRoot.command("root", "id", Map.of()).command());
    assertEquals(List.of("/bin/sh", "-l"), asAgent.shell("agent", Map.of()).command());
  }

  @Test
  void anUnprivilegedAgentRefusesOtherLogins() {
    LoginRefusedException refused =
        assertThrows(LoginRefusedException.class, () -> asAgent.shell("pi", Map.of()));
    assertTrue(refused.getMessage().contains("not root"), refused.getMessage());
  }

  @Test
  void unknownInvalidOrUnswitchableLoginsAreRefused() {
    assertThrows(LoginRefusedException.class, () -> asRoot.shell("nobody-here", Map.of()));
    assertThrows(LoginRefusedException.class, () -> asRoot.shell("-rf", Map.of()));
    assertThrows(LoginRefusedException.class, () -> asRoot.shell("a b", Map.of()));
    LoginLauncher withoutRunuser = new LoginLauncher(new AgentUser("root", true), ACCOUNTS, Optional.empty());
    assertThrows(LoginRefusedException.class, () -> withoutRunuser.shell("pi", Map.of()));
  }

  @Test
  void environmentIsFreshAndFiltered() throws Exception {
    Launch launch =
        asRoot.shell("pi", Map.of("TERM", "xterm-256color", "LD_PRELOAD", "/tmp/x.so", "PATH", "/tmp", "LC_ALL", "C"));
    Map<String, String> env = launch.environment();
    assertEquals("xterm-256color", env.get("TERM"));
    assertEquals("C", env.get("LC_ALL"));
    assertEquals("/home/pi", env.get("HOME"));
    assertEquals("pi", env.get("USER"));
    assertEquals("pi", env.get("LOGNAME"));
    assertEquals("/bin/zsh", env.get("SHELL"));
    assertFalse(env.get("PATH").contains("/tmp"));
    assertFalse(env.containsKey("LD_PRELOAD"));
  }

  @Test
  void startsInTheHomeDirectoryOrRoot() throws Exception {
    assertEquals(Path.of("/root"), asRoot.shell("root", Map.of()).directory());
    assertEquals(Path.of("/"), asAgent.shell("agent", Map.of()).directory());
  }
}
