package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.ssh.FileCopy;
import dev.outpost.cli.ssh.RemotePath;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost scp}: copies a file or directory to or from a node, through the proxy. */
@Command(
    name = "scp",
    description = "Copy files to or from a node: outpost scp [-r] SRC DST, one of them [LOGIN@]NODE:PATH.")
final class ScpCommand extends BaseCommand {

  @Mixin NodeClusterOption cluster;

  @Option(names = "-r", description = "Copy directories recursively.")
  boolean recursive;

  @Parameters(index = "0", paramLabel = "SRC")
  String source;

  @Parameters(index = "1", paramLabel = "DST")
  String target;

  @Override
  public Integer call() throws CliException {
    Optional<RemotePath> from = remote(source);
    Optional<RemotePath> to = remote(target);
    if (from.isPresent() == to.isPresent()) {
      throw CliException.usage("exactly one of SRC and DST must be [LOGIN@]NODE:PATH");
    }
    RemotePath node = from.orElseGet(to::get);
    FileCopy copy = new FileCopy(to.isPresent(), Path.of(to.isPresent() ? source : target),
        node.path(), recursive);
    return NodeSessions.open(this, cluster.cluster,
        node.destination(), (ssh, connection, where, host) ->
        ssh.copy(connection.stream(), where, host, copy));
  }

  private static Optional<RemotePath> remote(String text) throws CliException {
    try {
      return RemotePath.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
