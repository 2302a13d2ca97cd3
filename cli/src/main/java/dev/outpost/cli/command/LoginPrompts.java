package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Asks for the password and, when the proxy wants one, the TOTP code: on the terminal, or as the
 * first and second line of standard input with {@code --password-stdin}, so scripts never put a
 * password on a command line where {@code ps} shows it.
 */
final class LoginPrompts {

  private final boolean fromStdin;
  private final InputStream stdin;
  private final Console console;
  private BufferedReader stdinLines;

  LoginPrompts(boolean fromStdin, InputStream stdin, Console console) {
    this.fromStdin = fromStdin;
    this.stdin = stdin;
    this.console = console;
  }

  String password(String user, String proxy) throws CliException {
    if (fromStdin) {
      return stdinLine("password");
    }
    char[] password = requireConsole().readPassword("Password for %s at %s: ", user, proxy);
    if (password == null) {
      throw CliException.failure("no password given");
    }
    return new String(password);
  }

  String totp() throws CliException {
    String code = fromStdin ? stdinLine("TOTP code") : requireConsole().readLine("TOTP code: ");
    if (code == null || code.isBlank()) {
      throw CliException.failure("no TOTP code given");
    }
    return code.strip();
  }

  private Console requireConsole() throws CliException {
    if (console == null) {
      throw CliException.usage("no terminal to ask for a password: use --password-stdin");
    }
    return console;
  }

  private String stdinLine(String what) throws CliException {
    try {
      if (stdinLines == null) {
        stdinLines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      }
      String line = stdinLines.readLine();
      if (line == null) {
        throw CliException.failure("standard input ended before the " + what);
      }
      return line;
    } catch (IOException e) {
      throw CliException.failure(
          "cannot read the " + what + " from standard input: " + e.getMessage(), e);
    }
  }
}
