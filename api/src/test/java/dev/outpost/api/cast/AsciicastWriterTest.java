package dev.outpost.api.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asciicast v2 lines: header, output as JSON text, resizes; UTF-8 split across reads kept whole. */
class AsciicastWriterTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final ByteArrayOutputStream file = new ByteArrayOutputStream();
  private Instant now = START;
  private final InstantSource clock = () -> now;

  @Test
  void writesHeaderOutputAndResizes() throws Exception {
    AsciicastWriter writer = AsciicastWriter.start(file, clock, 120, 40, "xterm-256color");
    now = START.plus(Duration.ofMillis(1500));
    writer.output(bytes("ls \"a\"\\\r\n\u001b[0m"), 0, bytes("ls \"a\"\\\r\n\u001b[0m").length);
    writer.resize(100, 30);
    writer.close();

    assertEquals(List.of(
        "{\"version\":2,\"width\":120,\"height\":40,\"timestamp\":1767225600,"
            + "\"env\":{\"TERM\":\"xterm-256color\"}}",
        "[1.500000,\"o\",\"ls \\\"a\\\"\\\\\\r\\n\\u001B[0m\"]",
        "[1.500000,\"r\",\"100x30\"]"), lines());
  }

  @Test
  void keepsASplitUtf8SequenceUntilItIsWhole() throws Exception {
    AsciicastWriter writer = AsciicastWriter.start(file, clock, 80, 24, "xterm");
    byte[] cafe = bytes("café");
    writer.output(cafe, 0, 4);
    writer.output(cafe, 4, 1);
    writer.close();

    assertEquals(List.of("[0.000000,\"o\",\"caf\"]", "[0.000000,\"o\",\"é\"]"),
        lines().subList(1, 3));
  }

  @Test
  void replacesBytesThatAreNotUtf8() throws Exception {
    AsciicastWriter writer = AsciicastWriter.start(file, clock, 80, 24, "xterm");
    writer.output(new byte[] {'a', (byte) 0xff, 'b'}, 0, 3);
    writer.output(new byte[] {(byte) 0xc3}, 0, 1);
    writer.close();

    assertEquals(List.of("[0.000000,\"o\",\"a\uFFFDb\"]", "[0.000000,\"o\",\"\uFFFD\"]"),
        lines().subList(1, 3));
  }

  @Test
  void asciiAfterASplitSequenceWaitsForItInOrder() throws Exception {
    AsciicastWriter writer = AsciicastWriter.start(file, clock, 80, 24, "xterm");
    byte[] text = bytes("€ ok");
    writer.output(text, 0, 2);
    writer.output(text, 2, text.length - 2);
    writer.output(new byte[0], 0, 0);
    writer.close();

    assertEquals(List.of("[0.000000,\"o\",\"€ ok\"]"), lines().subList(1, lines().size()));
  }

  @Test
  void escapesEveryControlCharacterOfALongRead() throws Exception {
    AsciicastWriter writer = AsciicastWriter.start(file, clock, 80, 24, "xterm");
    byte[] controls = new byte[20_000];
    for (int i = 0; i < controls.length; i++) {
      controls[i] = (byte) (i % 0x20);
    }
    writer.output(controls, 0, controls.length);
    writer.output(new byte[] {0x7f, '~'}, 0, 2);
    writer.close();

    StringBuilder escaped = new StringBuilder();
    for (int i = 0; i < controls.length; i++) {
      escaped.append(switch (i % 0x20) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> String.format("\\u%04X", i % 0x20);
      });
    }
    assertEquals(List.of("[0.000000,\"o\",\"" + escaped + "\"]", "[0.000000,\"o\",\"\u007f~\"]"),
        lines().subList(1, 3));
  }

  private List<String> lines() {
    return file.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
