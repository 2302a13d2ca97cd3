package dev.outpost.cli.command.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost admin clusters rm NAME}: end the trust in a leaf or root cluster. */
@Command(name = "rm", description = "Remove a trusted cluster (a leaf of this root, or a root of"
    + " this leaf): its tunnel and every session through it end.")
final class ClustersRmCommand extends AdminRemoval {

  @Parameters(paramLabel = "NAME", description = "The cluster to stop trusting.")
  String name;

  @Override
  String collection() {
    return "clusters";
  }

  @Override
  String key() {
    return name;
  }

  @Override
  String done() {
    return "Cluster %s is no longer trusted; its tunnel is closed.".formatted(name);
  }
}
