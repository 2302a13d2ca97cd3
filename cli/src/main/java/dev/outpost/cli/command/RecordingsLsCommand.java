package dev.outpost.cli.command;

import dev.outpost.api.RecordingView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.RecordingListing;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outpost recordings ls}: newest first; admins see all, others their own. */
@Command(name = "ls", description = "List recorded sessions, newest first.")
final class RecordingsLsCommand extends BaseCommand {

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "At most this many (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    RecordingListing.print(out(), format.format(),
        store().load().api().getList("/api/v1/recordings?limit=" + limit, RecordingView.class));
    return OK;
  }
}
