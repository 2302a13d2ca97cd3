package dev.outpost.cli.command;

import dev.outpost.cli.command.admin.AdminCommand;
import dev.outpost.cli.profile.OutpostHome;
import dev.outpost.cli.ssh.Destination;
import dev.outpost.cli.ssh.SshTarget;
import dev.outpost.client.http.ProxyAddress;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/** {@code outpost}: the root command, holding what every subcommand shares. */
@Command(
    name = "outpost",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = ManifestVersion.class,
    description = "Reach edge nodes through the Outpost proxy with short-lived certificates.",
    subcommands = {
      LoginCommand.class,
      MfaCommand.class,
      StatusCommand.class,
      LogoutCommand.class,
      LsCommand.class,
      ClustersCommand.class,
      SshCommand.class,
      ScpCommand.class,
      ConfigCommand.class,
      ProxyCommand.class,
      AuditCommand.class,
      RecordingsCommand.class,
      KubeCommand.class,
      PlayCommand.class,
      AppsCommand.class,
      AdminCommand.class
    })
public final class OutpostCommand extends CommandGroup {

  @Option(
      names = "--home",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Credential directory (default: $OUTPOST_HOME, else ~/.outpost).")
  Path home;

  private final CliEnvironment environment;

  private OutpostCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  /** The command line with converters, stop-at-positional for {@code ssh} and error handling. */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine commandLine = new CommandLine(new OutpostCommand(environment));
    commandLine.registerConverter(ProxyAddress.class, converter(ProxyAddress::parse));
    commandLine.registerConverter(SshTarget.class, converter(SshTarget::parse));
    commandLine.registerConverter(Destination.class, converter(Destination::parse));
    commandLine.registerConverter(Ttl.class, converter(Ttl::parse));
    commandLine.registerConverter(LabelFilter.class, converter(LabelFilter::parse));
    commandLine.registerConverter(RecordingIdParameter.class,
        converter(RecordingIdParameter::parse));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Everything after the node is the remote command, options included: outpost ssh node ls -l
    commandLine.getSubcommands().get("ssh").setStopAtPositional(true);
    commandLine.setParameterExceptionHandler(new Failures(environment));
    commandLine.setExecutionExceptionHandler(new Failures(environment));
    return commandLine;
  }

  public CliEnvironment environment() {
    return environment;
  }

  public OutpostHome home() {
    return OutpostHome.resolve(home, environment.variables(), environment.userHome());
  }

  /** Turns a parser's IllegalArgumentException into picocli's one-line usage error. */
  private static <T> ITypeConverter<T> converter(Function<String, T> parser) {
    return text -> {
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    };
  }
}
