package dev.outpost.cli.output;

import dev.outpost.api.AppView;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Prints web apps for {@code outpost apps ls}. */
public final class AppListing {
  private AppListing() {}

  public static void print(PrintWriter out, Format format, List<AppView> apps) {
    if (format == Format.JSON) {
      Json.print(out, apps);
      return;
    }
    Table table = new Table("APP", "NODE", "LABELS", "URL");
    for (AppView app : apps) {
      table.row(app.name(), app.node(), app.labels().entrySet().stream().sorted(
          java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(",")), app.publicUrl());
    }
    table.print(out);
  }
}
