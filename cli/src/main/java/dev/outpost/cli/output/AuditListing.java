package dev.outpost.cli.output;

import dev.outpost.api.AuditEventView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints audit events: a table for people, or one JSON object per line ({@code jq}-friendly, and
 * a long listing can be streamed line by line).
 */
public final class AuditListing {
  private AuditListing() {}

  public static void print(PrintWriter out, Format format, List<AuditEventView> events) {
    if (format == Format.JSON) {
      events.forEach(event -> Json.print(out, event));
      return;
    }
    Table table = new Table("TIME", "TYPE", "USER", "NODE", "CLUSTER", "SESSION", "OUTCOME",
        "DETAILS");
    for (AuditEventView event : events) {
      table.row(Text.instant(event.time()), event.type(), Text.orDash(event.actor()),
          Text.orDash(event.node()), Text.orDash(event.cluster()),
          event.sessionId() == null ? "-" : event.sessionId().toString(),
          event.outcome().toLowerCase(Locale.ROOT), details(event));
    }
    table.print(out);
  }

  private static String details(AuditEventView event) {
    String target = event.target() == null ? "" : event.target();
    String reason = event.reason() == null ? "" : event.reason();
    String joined = target.isEmpty() || reason.isEmpty() ? target + reason : target + ": " + reason;
    return joined.isEmpty() ? "-" : joined;
  }
}
