package dev.outpost.cli.command;

import dev.outpost.api.KubeClusterView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.KubeListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost kube ls}: the Kubernetes clusters the user may reach. */
@Command(name = "ls", description = "List the Kubernetes clusters you may reach.")
final class KubeLsCommand extends BaseCommand {
  static final String CLUSTERS = "/api/v1/kube/clusters";

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    KubeListing.print(out(), format.format(),
        store().load().api().getList(CLUSTERS, KubeClusterView.class));
    return OK;
  }
}
