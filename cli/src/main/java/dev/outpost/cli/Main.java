package dev.outpost.cli;

import dev.outpost.api.security.JdkEd25519Registrar;
import dev.outpost.cli.command.CliEnvironment;
import dev.outpost.cli.command.OutpostCommand;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of {@code outpost.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliEnvironment environment = CliEnvironment.process();
    quietLibraries(environment.debug());
    JdkEd25519Registrar.install();
    System.exit(OutpostCommand.commandLine(environment, args).execute(args));
  }

  /**
   * MINA SSHD logs through java.util.logging here; its INFO lines would bury the one-line errors on
   * stderr (which OpenSSH shows as is under {@code proxy ssh}), so they appear only when debugging.
   */
  private static void quietLibraries(boolean debug) {
    Logger root = Logger.getLogger("");
    Level level = debug ? Level.INFO : Level.OFF;
    root.setLevel(level);
    for (var handler : root.getHandlers()) {
      handler.setLevel(level);
    }
  }
}
