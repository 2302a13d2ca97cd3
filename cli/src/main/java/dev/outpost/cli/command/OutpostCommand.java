package dev.outpost.cli.command;

import dev.outpost.cli.command.admin.AdminCommand;
import dev.outpost.cli.profile.OutpostHome;
import dev.outpost.cli.ssh.Destination;
import dev.outpost.cli.ssh.SshTarget;
import dev.outpost.client.http.ProxyAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/** {@code outpost}: the root command, holding what every subcommand shares. */
@Command(
    name = "outpost",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = ManifestVersion.class,
    description = "Reach edge nodes through the Outpost proxy with short-lived certificates.")
public final class OutpostCommand extends CommandGroup {
  /** Every subcommand, in the order the help lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
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
      AdminCommand.class);

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

  /**
   * The command line for {@code args}: converters, stop-at-positional for {@code ssh}, error
   * handling. OpenSSH starts {@code proxy ssh} for every connection, and picocli builds the model of
   * every command it is given before parsing (some 130 ms of a cold start, docs/performance.md):
   * arguments that picocli parses as a {@code proxy} command get a tree of that branch only.
   */
  public static CommandLine commandLine(CliEnvironment environment, String... args) {
    if (List.of(args).contains("proxy")) {
      CommandLine proxyOnly = wired(environment, List.of(ProxyCommand.class));
      if (parsesToSubcommand(proxyOnly, args)) {
        return proxyOnly;
      }
    }
    return wired(environment, SUBCOMMANDS);
  }

  private static CommandLine wired(CliEnvironment environment, List<Class<?>> subcommands) {
    CommandLine commandLine = new CommandLine(new OutpostCommand(environment));
    subcommands.forEach(commandLine::addSubcommand);
    commandLine.registerConverter(ProxyAddress.class, converter(ProxyAddress::parse));
    commandLine.registerConverter(SshTarget.class, converter(SshTarget::parse));
    commandLine.registerConverter(Destination.class, converter(Destination::parse));
    commandLine.registerConverter(Ttl.class, converter(Ttl::parse));
    commandLine.registerConverter(LabelFilter.class, converter(LabelFilter::parse));
    commandLine.registerConverter(RecordingIdParameter.class,
        converter(RecordingIdParameter::parse));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Everything after the node is the remote command, options included: outpost ssh node ls -l
    CommandLine ssh = commandLine.getSubcommands().get("ssh");
    if (ssh != null) {
      ssh.setStopAtPositional(true);
    }
    commandLine.setParameterExceptionHandler(new Failures(environment));
    commandLine.setExecutionExceptionHandler(new Failures(environment));
    return commandLine;
  }

  private static boolean parsesToSubcommand(CommandLine tree, String[] args) {
    try {
      return tree.parseArgs(args).hasSubcommand();
    } catch (ParameterException e) {
      return false;
    }
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
