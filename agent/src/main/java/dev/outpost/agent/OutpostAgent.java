package dev.outpost.agent;

import dev.outpost.api.security.JdkEd25519Registrar;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code outpost-agent}: the entry point; exit codes 0 success, 1 failure, 2 usage error. */
@Command(
    name = "outpost-agent",
    mixinStandardHelpOptions = true,
    versionProvider = OutpostAgent.Version.class,
    description = "Connects this device to an Outpost cluster through an outbound tunnel.",
    subcommands = {StartCommand.class})
public final class OutpostAgent implements Runnable {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    AgentLogging.configure();
    JdkEd25519Registrar.install();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new OutpostAgent());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExitCodeExceptionMapper(error -> FAILURE);
    commandLine.setParameterExceptionHandler(
        (error, args) -> {
          PrintWriter err = error.getCommandLine().getErr();
          err.println("outpost-agent: " + error.getMessage());
          err.println("Try 'outpost-agent " + error.getCommandLine().getCommandName() + " --help'.");
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (error, line, parseResult) -> {
          line.getErr().println("outpost-agent: " + oneLine(error));
          return error instanceof IllegalArgumentException ? USAGE : FAILURE;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command, e.g. 'start'");
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      message = error.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message);
  }

  /** The version from the jar's manifest, where Maven puts it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OutpostAgent.class.getPackage().getImplementationVersion();
      return new String[] {"outpost-agent " + (version == null ? "(development)" : version)};
    }
  }
}
