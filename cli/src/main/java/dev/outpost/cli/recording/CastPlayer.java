package dev.outpost.cli.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Replays an asciicast v2 recording: each output event is written when its time comes, divided by
 * the speed, and a pause longer than {@link #MAX_IDLE} (after the speed-up) is cut to it, as
 * {@code asciinema play -i} does. Resize and input events are skipped: the terminal is the user's.
 */
public final class CastPlayer {
  public static final Duration MAX_IDLE = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Waits; {@code Thread::sleep} in production, recorded in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final double speed;
  private final Sleeper sleeper;

  public CastPlayer(double speed, Sleeper sleeper) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, got " + speed);
    }
    this.speed = speed;
    this.sleeper = sleeper;
  }

  /**
   * @throws InvalidCastException when the input is not asciicast v2
   */
  public void play(BufferedReader cast, OutputStream out)
      throws IOException, InterruptedException, InvalidCastException {
    String header = cast.readLine();
    JsonNode parsed = header == null ? null : parse(header, 1);
    if (parsed == null || !parsed.isObject() || parsed.path("version").asInt() != 2) {
      throw new InvalidCastException("not an asciicast v2 recording: the first line must be a "
          + "header with \"version\": 2");
    }
    double previous = 0;
    int lineNumber = 1;
    for (String line = cast.readLine(); line != null; line = cast.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode event = parse(line, lineNumber);
      if (!event.isArray() || event.size() != 3 || !event.get(0).isNumber()) {
        throw new InvalidCastException("line " + lineNumber + " is not an event [time, code, data]");
      }
      double time = event.get(0).asDouble();
      wait(time - previous);
      previous = time;
      if ("o".equals(event.get(1).asText())) {
        out.write(event.get(2).asText().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private void wait(double seconds) throws InterruptedException {
    if (seconds <= 0) {
      return;
    }
    Duration pause = Duration.ofNanos((long) (seconds / speed * 1_000_000_000L));
    sleeper.sleep(pause.compareTo(MAX_IDLE) > 0 ? MAX_IDLE : pause);
  }

  private static JsonNode parse(String line, int number) throws InvalidCastException {
    try {
      return JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidCastException("line " + number + " is not JSON: " + e.getOriginalMessage());
    }
  }

  /** The input is not a recording this player understands. */
  public static final class InvalidCastException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidCastException(String message) {
      super(message);
    }
  }
}
