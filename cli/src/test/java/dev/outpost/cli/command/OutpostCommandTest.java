package dev.outpost.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.cli.ssh.Stdio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commands the tree is built with: the {@code proxy} branch alone where it is what runs. */
class OutpostCommandTest {
  private static final int EVERY_COMMAND = 16;

  @TempDir Path home;

  @Test
  void proxySshGetsTheProxyBranchOnly() {
    assertEquals(Set.of("proxy"), subcommands("proxy", "ssh", "root@node-1:22"));
    assertEquals(Set.of("proxy"), subcommands("--home=" + home, "proxy", "ssh", "root@node-1.edge:22"));
    assertEquals(Set.of("proxy"), subcommands("proxy", "--help"));
  }

  @Test
  void everythingElseGetsEveryCommand() {
    assertEquals(EVERY_COMMAND, subcommands("ls").size());
    assertEquals(EVERY_COMMAND, subcommands().size());
    assertEquals(EVERY_COMMAND, subcommands("--help").size());
    // a home directory named "proxy": "ssh" is then the command
    assertEquals(EVERY_COMMAND, subcommands("--home", "proxy", "ssh", "node-1").size());
    // a target that does not parse: the whole tree reports it, as before
    assertEquals(EVERY_COMMAND, subcommands("proxy", "ssh", "no-port").size());
  }

  @Test
  void theProxyBranchReportsUsageErrorsAsTheWholeTreeDoes() {
    CliRunner.Result missingTarget = new CliRunner(home, Map.of()).run("proxy", "ssh");
    assertEquals(2, missingTarget.exitCode());
    assertTrue(missingTarget.err().contains("Missing required parameter: 'LOGIN@NODE[.CLUSTER]:PORT'"),
        missingTarget.err());
  }

  private Set<String> subcommands(String... args) {
    CliEnvironment environment = new CliEnvironment(Map.of(), "osuser", home.toString(),
        Clock.systemUTC(),
        new Stdio(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream()),
        null);
    return OutpostCommand.commandLine(environment, args).getSubcommands().keySet();
  }
}
