package dev.outpost.cli.command.admin;

import dev.outpost.api.ConnectorView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Table;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin sso ls}: every connector, with its issuer and mapping; no secrets. */
@Command(name = "ls", description = "List SSO connectors.")
final class SsoLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    List<ConnectorView> connectors =
        store().load().api().getList("/api/v1/admin/sso", ConnectorView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), connectors);
      return OK;
    }
    Table table = new Table("NAME", "KIND", "ISSUER", "CLIENT", "CLAIMS TO ROLES");
    for (ConnectorView connector : connectors) {
      table.row(connector.name(), connector.kind(), connector.issuerUrl(), connector.clientId(),
          String.join("; ", connector.claimsToRoles()));
    }
    table.print(out());
    return OK;
  }
}
