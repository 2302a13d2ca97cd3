package dev.outpost.cli.command.admin;

import dev.outpost.api.TokenView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.command.BaseCommand;
import dev.outpost.cli.command.FormatOption;
import dev.outpost.cli.output.Format;
import dev.outpost.cli.output.Json;
import dev.outpost.cli.output.Table;
import dev.outpost.cli.output.Text;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost admin tokens ls}: join tokens still usable, soonest to expire first. */
@Command(name = "ls", description = "List the join tokens that can still be used (never their secrets).")
final class TokensLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    List<TokenView> tokens =
        store().load().api().getList("/api/v1/admin/tokens", TokenView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), tokens);
      return OK;
    }
    Table table = new Table("ID", "TYPE", "EXPIRES", "BY");
    for (TokenView token : tokens) {
      table.row(token.id(), token.type(), Text.instant(token.expires()), token.createdBy());
    }
    table.print(out());
    return OK;
  }
}
