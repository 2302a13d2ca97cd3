package dev.outpost.cli.command.admin;

import dev.outpost.api.LockView;
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

/** {@code outpost admin locks ls}: the locks in force, oldest first. */
@Command(name = "ls", description = "List the locks in force.")
final class LocksLsCommand extends BaseCommand {

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    List<LockView> locks = store().load().api().getList("/api/v1/admin/locks", LockView.class);
    if (format.format() == Format.JSON) {
      Json.print(out(), locks);
      return OK;
    }
    Table table = new Table("ID", "KIND", "TARGET", "UNTIL", "BY", "MESSAGE");
    for (LockView lock : locks) {
      table.row(
          lock.id(),
          lock.kind(),
          lock.target(),
          Text.instant(lock.expires()),
          lock.createdBy(),
          lock.message() == null ? "-" : lock.message());
    }
    table.print(out());
    return OK;
  }
}
