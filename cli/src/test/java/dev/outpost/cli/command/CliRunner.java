package dev.outpost.cli.command;

import dev.outpost.cli.ssh.Stdio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code outpost} in-process with a given home, environment and standard input. */
final class CliRunner {

  /** What a run left: exit code and the text on stdout and stderr. */
  record Result(int exitCode, String out, String err) {}

  private final Path home;
  private final Map<String, String> variables;

  CliRunner(Path home, Map<String, String> variables) {
    this.home = home;
    this.variables = variables;
  }

  Result runWithInput(String stdin, String... args) {
    CliEnvironment environment =
        new CliEnvironment(
            variables,
            "osuser",
            home.resolve("user-home").toString(),
            Clock.systemUTC(),
            new Stdio(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream()),
            null);
    List<String> arguments = new ArrayList<>(List.of("--home=" + home));
    arguments.addAll(List.of(args));
    String[] line = arguments.toArray(String[]::new);
    CommandLine commandLine = OutpostCommand.commandLine(environment, line);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(line);
    return new Result(exitCode, out.toString(), err.toString());
  }

  Result run(String... args) {
    return runWithInput("", args);
  }
}
