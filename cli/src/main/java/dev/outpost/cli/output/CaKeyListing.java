package dev.outpost.cli.output;

import dev.outpost.api.CaKeyView;
import java.io.PrintWriter;
import java.util.List;

/** Prints CA keys, for {@code outpost admin ca ls} and {@code rotate}. */
public final class CaKeyListing {
  private CaKeyListing() {}

  public static void print(PrintWriter out, Format format, List<CaKeyView> keys) {
    if (format == Format.JSON) {
      Json.print(out, keys);
      return;
    }
    Table table = new Table("TYPE", "STATUS", "FINGERPRINT", "TRUSTED UNTIL");
    for (CaKeyView key : keys) {
      table.row(key.type(), key.status(), key.fingerprint(),
          key.trustedUntil() == null ? "-" : Text.instant(key.trustedUntil()));
    }
    table.print(out);
  }
}
