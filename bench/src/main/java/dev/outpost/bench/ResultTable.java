package dev.outpost.bench;

import java.util.ArrayList;
import java.util.List;

/** One Markdown table of results, ready to paste into {@code docs/performance.md}. */
final class ResultTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  ResultTable(String... header) {
    this.header = List.of(header);
  }

  ResultTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
    }
    rows.add(List.of(cells));
    return this;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    line(out, header);
    line(out, header.stream().map(h -> "---").toList());
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
