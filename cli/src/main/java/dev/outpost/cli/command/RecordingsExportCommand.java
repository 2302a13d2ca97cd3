package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code outpost recordings export ID > s.cast}: the asciicast v2 file as stored. */
@Command(name = "export", description = "Write a recording (asciicast v2) to stdout.")
final class RecordingsExportCommand extends BaseCommand {

  @Parameters(paramLabel = "ID", description = "Recording id or SSH session id.")
  RecordingIdParameter id;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    byte[] cast = store().load().api().getBytes("/api/v1/recordings/" + id + "/cast");
    OutputStream out = environment().stdio().out();
    out.write(cast);
    out.flush();
    return OK;
  }
}
