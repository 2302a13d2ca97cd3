package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.client.http.ApiException;
import dev.outpost.client.http.ProxyConnectionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure ends as one line on stderr and an exit code: 2 for a wrong command line, 1 for
 * anything the proxy, a node or the stored credentials refused. Stack traces only with {@code
 * OUTPOST_DEBUG=1}.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

  private final CliEnvironment environment;

  Failures(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String help = command.getCommandSpec().qualifiedName() + " --help";
    report(command.getErr(), e.getMessage() + " (see '" + help + "')", e);
    return CliException.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof ParameterException usage) {
      return handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
    }
    PrintWriter err = command.getErr();
    if (e instanceof CliException failure) {
      report(err, failure.getMessage(), e);
      return failure.exitCode();
    }
    if (e instanceof ApiException refused) {
      String hint = refused.status() == 401 ? ": run 'outpost login' again" : "";
      report(err, refused.getMessage() + hint, e);
      return CliException.FAILURE;
    }
    if (e instanceof ProxyConnectionException unreachable) {
      report(err, unreachable.getMessage(), e);
      return CliException.FAILURE;
    }
    report(err, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    return CliException.FAILURE;
  }

  private void report(PrintWriter err, String message, Exception e) {
    err.println("outpost: " + message);
    if (environment.debug()) {
      e.printStackTrace(err);
    }
    err.flush();
  }
}
