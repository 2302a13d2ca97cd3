package dev.outpost.cli.command;

import picocli.CommandLine.Option;

/** {@code --cluster} of the commands that reach one node ({@code ssh}, {@code scp}). */
final class NodeClusterOption {

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "The node's cluster (default: the one logged in to).")
  String cluster;
}
