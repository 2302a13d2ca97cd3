package dev.outpost.cli.command;

import dev.outpost.api.KubeClusterView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.KubeListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outpost kube ls [--cluster=LEAF]}: the Kubernetes clusters the user may reach, here or,
 * as the leaf decides, in a leaf cluster.
 */
@Command(name = "ls", description = "List the Kubernetes clusters you may reach.")
final class KubeLsCommand extends BaseCommand {
  @Option(names = "--cluster", paramLabel = "NAME",
      description = "The Kubernetes clusters of this cluster: this one (the default) or a leaf cluster.")
  String cluster;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    String path;
    try {
      path = new KubeClusterName(null, cluster).listingPath();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    KubeListing.print(out(), format.format(),
        store().load().api().getList(path, KubeClusterView.class));
    return OK;
  }
}
