package dev.outpost.cli.command;

import dev.outpost.cli.CliException;
import dev.outpost.cli.recording.CastPlayer;
import dev.outpost.client.http.ApiException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost play ID [--speed=4]}: replays a recording in this terminal. */
@Command(name = "play", description = "Replay a recorded session in the terminal.")
final class PlayCommand extends BaseCommand {

  @Parameters(paramLabel = "ID", description = "Recording id or SSH session id.")
  RecordingIdParameter id;

  @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
      description = "Play this many times faster (default 1); pauses over 2 s are cut to 2 s.")
  double speed;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    if (!(speed > 0)) {
      throw CliException.usage("--speed must be a positive number, got " + speed);
    }
    byte[] cast = store().load().api().getBytes("/api/v1/recordings/" + id + "/cast");
    CastPlayer player = new CastPlayer(speed, pause -> Thread.sleep(pause.toMillis()));
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(cast), StandardCharsets.UTF_8))) {
      player.play(reader, environment().stdio().out());
    } catch (CastPlayer.InvalidCastException e) {
      throw CliException.failure("recording " + id + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("replay interrupted");
    }
    return OK;
  }
}
