package dev.outpost.cli.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays at real speed divided by the speed factor, idle time capped, output only. */
class CastPlayerTest {
  private static final String CAST = String.join("\n",
      "{\"version\":2,\"width\":80,\"height\":24,\"timestamp\":1767225600}",
      "[0.5,\"o\",\"$ \"]",
      "[1.5,\"o\",\"ls\\r\\n\"]",
      "[1.5,\"r\",\"100x30\"]",
      "[61.5,\"o\",\"caf\u00e9 \\u001b[0m\"]",
      "");

  private final List<Duration> pauses = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void writesOutputWithPausesAndCapsIdleTime() throws Exception {
    new CastPlayer(1, pauses::add).play(reader(CAST), out);

    assertEquals("$ ls\r\ncafé \u001b[0m", out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), CastPlayer.MAX_IDLE),
        pauses);
  }

  @Test
  void speedDividesThePauses() throws Exception {
    new CastPlayer(4, pauses::add).play(reader(CAST), out);

    assertEquals(List.of(Duration.ofMillis(125), Duration.ofMillis(250), CastPlayer.MAX_IDLE),
        pauses);
  }

  @Test
  void refusesWhatIsNotAsciicastV2() {
    CastPlayer player = new CastPlayer(1, pauses::add);
    assertTrue(assertThrows(CastPlayer.InvalidCastException.class,
        () -> player.play(reader("{\"version\":1}\n"), out)).getMessage().contains("version"));
    assertTrue(assertThrows(CastPlayer.InvalidCastException.class,
        () -> player.play(reader("{\"version\":2}\n[1,\"o\"]\n"), out)).getMessage()
        .contains("line 2"));
  }

  private static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }
}
