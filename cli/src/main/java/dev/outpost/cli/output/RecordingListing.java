package dev.outpost.cli.output;

import dev.outpost.api.RecordingView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints recorded sessions for {@code outpost recordings ls}. */
public final class RecordingListing {
  private RecordingListing() {}

  public static void print(PrintWriter out, Format format, List<RecordingView> recordings) {
    if (format == Format.JSON) {
      Json.print(out, recordings);
      return;
    }
    Table table = new Table("ID", "SESSION", "USER", "LOGIN", "NODE", "START", "DURATION", "SIZE",
        "STATUS");
    for (RecordingView recording : recordings) {
      table.row(recording.id().toString(),
          recording.sessionId() == null ? "-" : recording.sessionId().toString(),
          Text.orDash(recording.user()), Text.orDash(recording.login()), recording.node(),
          Text.instant(recording.started()), duration(recording), Long.toString(recording.size()),
          recording.complete() ? "complete" : "uploading");
    }
    table.print(out);
  }

  static String duration(RecordingView recording) {
    if (recording.ended() == null) {
      return "-";
    }
    Duration length = Duration.between(recording.started(), recording.ended());
    return String.format("%d:%02d:%02d", length.toHours(), length.toMinutesPart(),
        length.toSecondsPart());
  }
}
