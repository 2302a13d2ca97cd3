package dev.outpost.cli.command;

import dev.outpost.api.NodeView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.NodeListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost ls}: the nodes the user may reach. */
@Command(name = "ls", description = "List the nodes you may reach.")
final class LsCommand extends BaseCommand {

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "The nodes of this cluster: this one (the default) or a leaf cluster.")
  String cluster;

  @Parameters(
      paramLabel = "LABEL=VALUE",
      arity = "0..*",
      description = "Only nodes with all these labels.")
  List<LabelFilter> labels = List.of();

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    String path = cluster == null ? "/api/v1/nodes"
        : "/api/v1/nodes?cluster=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8);
    List<NodeView> nodes =
        store().load().api().getList(path, NodeView.class).stream()
            .filter(node -> labels.stream().allMatch(filter -> filter.matches(node.labels())))
            .toList();
    NodeListing.print(out(), format.format(), nodes);
    return OK;
  }
}
