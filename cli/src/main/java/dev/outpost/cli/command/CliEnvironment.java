package dev.outpost.cli.command;

import dev.outpost.cli.ssh.Stdio;
import java.io.Console;
import java.time.Clock;
import java.util.Map;

/**
 * What commands take from the process, gathered so that tests supply their own.
 *
 * @param variables environment variables
 * @param userName the OS user, default for {@code --user} and for logins
 * @param userHome where {@code ~/.outpost} is
 * @param stdio raw standard streams, for passwords on stdin and SSH data
 * @param console the terminal for password prompts, or null when there is none
 */
public record CliEnvironment(
    Map<String, String> variables,
    String userName,
    String userHome,
    Clock clock,
    Stdio stdio,
    Console console) {

  public static CliEnvironment process() {
    return new CliEnvironment(
        System.getenv(),
        System.getProperty("user.name"),
        System.getProperty("user.home"),
        Clock.systemUTC(),
        Stdio.process(),
        System.console());
  }

  /** {@code OUTPOST_DEBUG=1}: stack traces and library logs on stderr. */
  public boolean debug() {
    return "1".equals(variables.get("OUTPOST_DEBUG"));
  }
}
