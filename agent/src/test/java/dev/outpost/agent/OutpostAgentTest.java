package dev.outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: exit codes and one-line errors, without a proxy. */
class OutpostAgentTest {
  private static final String PIN = "sha256:" + "ab".repeat(32);
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = OutpostAgent.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    return commandLine.execute(args);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run());
    assertEquals(2, run("start"));
    assertTrue(err.toString().contains("--proxy"), err.toString());
    assertEquals(2, run("start", "--proxy=host:70000", "--token=t"));
    assertEquals(2, run("start", "--proxy=host:443", "--ssh-mode=telnet"));
  }

  @Test
  void firstStartWithoutTokenSaysWhatIsMissing(@TempDir Path directory) {
    assertEquals(1, run("start", "--proxy=127.0.0.1:1", "--data-dir=" + directory));
    assertTrue(err.toString().contains("--token is needed to join"), err.toString());
    assertEquals(1, err.toString().lines().count());
  }

  @Test
  void unreachableProxyIsOneLine(@TempDir Path directory) {
    assertEquals(
        1, run("start", "--proxy=127.0.0.1:1", "--token=abc", "--ca-pin=" + PIN, "--data-dir=" + directory));
    assertEquals("outpost-agent: cannot connect to proxy 127.0.0.1:1: connection refused or unreachable\n", err.toString());
  }

  @Test
  void optionsBecomeTheConfiguration(@TempDir Path directory) {
    StartCommand start = new StartCommand();
    new CommandLine(start)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(
            "--proxy=proxy.example:8443",
            "--token=t",
            "--name=edge-7",
            "--labels=env=edge,region=eu",
            "--ca-pin=sha256:" + "AB".repeat(32),
            "--ssh-mode=OpenSSH",
            "--data-dir=" + directory);
    AgentConfig config = start.config();
    assertEquals("proxy.example:8443", config.proxy().toString());
    assertEquals("edge-7", config.name());
    assertEquals(Map.of("env", "edge", "region", "eu"), config.labels());
    assertEquals(PIN, config.caPin().orElseThrow());
    assertEquals(SshMode.OPENSSH, config.sshMode());
    assertEquals(directory, config.dataDirectory());
  }

  @Test
  void malformedPinIsAUsageError() {
    assertEquals(2, run("start", "--proxy=host:443", "--token=t", "--ca-pin=md5:00"));
    assertTrue(err.toString().contains("invalid CA pin"), err.toString());
  }

  @Test
  void nameDefaultsToTheHostName() {
    assertFalse(StartCommand.hostName().isBlank());
  }
}
