package dev.outpost.it.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.it.Cli;
import java.util.List;
import java.util.Set;

/**
 * An asciicast v2 file checked the way asciinema reads it: a header object with version 2 and the
 * terminal size, then one {@code [time, code, data]} array per line, times never going back.
 */
final class Asciicast {
  private static final Set<String> CODES = Set.of("o", "i", "r", "m");

  private final JsonNode header;
  private final String output;
  private final int resizes;

  private Asciicast(JsonNode header, String output, int resizes) {
    this.header = header;
    this.output = output;
    this.resizes = resizes;
  }

  static Asciicast parse(String file) {
    List<String> lines = file.lines().toList();
    assertTrue(!lines.isEmpty(), "an empty recording");
    JsonNode header = Cli.parseJson(lines.get(0));
    assertEquals(2, header.get("version").asInt(), "asciicast version: " + lines.get(0));
    assertTrue(header.get("width").asInt() > 0 && header.get("height").asInt() > 0, lines.get(0));
    assertTrue(header.get("timestamp").asLong() > 0, lines.get(0));
    StringBuilder output = new StringBuilder();
    int resizes = 0;
    double previous = 0;
    for (String line : lines.subList(1, lines.size())) {
      JsonNode event = Cli.parseJson(line);
      assertTrue(event.isArray() && event.size() == 3 && event.get(0).isNumber(), line);
      assertTrue(event.get(0).asDouble() >= previous, "time goes back: " + line);
      previous = event.get(0).asDouble();
      String code = event.get(1).asText();
      assertTrue(CODES.contains(code), line);
      if (code.equals("o")) {
        output.append(event.get(2).asText());
      } else if (code.equals("r")) {
        assertTrue(event.get(2).asText().matches("\\d+x\\d+"), line);
        resizes++;
      }
    }
    return new Asciicast(header, output.toString(), resizes);
  }

  JsonNode header() {
    return header;
  }

  /** Everything the terminal showed, in order. */
  String output() {
    return output;
  }

  int resizes() {
    return resizes;
  }
}
