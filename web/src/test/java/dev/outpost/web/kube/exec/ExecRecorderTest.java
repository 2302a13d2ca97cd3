package dev.outpost.web.kube.exec;

import static dev.outpost.web.kube.exec.Frames.channel;
import static dev.outpost.web.kube.exec.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An exec's channel protocol becomes asciicast: stdout and stderr as output, sizes as header and
 * resizes, stdin left out; hostile bytes end the recording, never what the sink is told at the end.
 */
class ExecRecorderTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SUCCESS = "{\"metadata\":{},\"status\":\"Success\"}";

  private Instant now = START;
  private final InstantSource clock = () -> now;
  private final ByteArrayOutputStream cast = new ByteArrayOutputStream();
  private final List<Integer> pieces = new ArrayList<>();
  private final List<String> ends = new ArrayList<>();
  private boolean sinkFails;
  private final ExecRecorder recorder = new ExecRecorder(new ExecRecorder.Sink() {
    @Override
    public void append(byte[] bytes) {
      if (sinkFails) {
        throw new IllegalStateException("the store is away");
      }
      pieces.add(bytes.length);
      cast.writeBytes(bytes);
    }

    @Override
    public void ended(long bytesIn, long bytesOut, String how) {
      ends.add(bytesIn + "/" + bytesOut + " " + how);
    }
  }, clock);

  @Test
  void recordsOutputWithTheTerminalSizeAndLeavesStdinOut() {
    byte[] size = channel(4, "{\"Width\":120,\"Height\":40}", true);
    byte[] stdin = channel(0, "secret typed\n", true);
    client(size);
    client(stdin);
    now = START.plusMillis(250);
    server(channel(1, "$ ls\r\n", false));
    server(channel(2, "ls: denied\r\n", false));
    client(channel(4, "{\"Width\":100,\"Height\":30}", true));
    server(channel(3, SUCCESS, false));
    recorder.ended("the far side closed");

    assertEquals(List.of(
        "{\"version\":2,\"width\":120,\"height\":40,\"timestamp\":1767225600,\"env\":{\"TERM\":\"xterm\"}}",
        "[0.250000,\"o\",\"$ ls\\r\\n\"]",
        "[0.250000,\"o\",\"ls: denied\\r\\n\"]",
        "[0.250000,\"r\",\"100x30\"]"), lines());
    int in = size.length + stdin.length + channel(4, "{\"Width\":100,\"Height\":30}", true).length;
    assertEquals(List.of(in + "/" + (channel(1, "$ ls\r\n", false).length
        + channel(2, "ls: denied\r\n", false).length + channel(3, SUCCESS, false).length)
        + " the far side closed; status Success"), ends);
  }

  @Test
  void outputBeforeAnySizeGetsTheDefaultTerminalAndTheFailureStatusIsKept() {
    server(channel(1, "hello\n", false));
    server(channel(3, "{\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit"
        + " code: error executing command [false], exit code 1\",\"reason\":\"NonZeroExitCode\"}", false));
    recorder.ended("the far side closed");

    assertTrue(lines().get(0).startsWith("{\"version\":2,\"width\":80,\"height\":24,"), lines().get(0));
    assertEquals("[0.000000,\"o\",\"hello\\n\"]", lines().get(1));
    assertTrue(ends.get(0).endsWith("the far side closed; status Failure: command terminated with"
        + " non-zero exit code: error executing command [false], exit code 1"), ends.get(0));
  }

  @Test
  void takesNothingAfterTheEndAndEndsOnce() {
    server(channel(1, "in time\n", false));
    recorder.ended("client connection lost");
    server(channel(1, "late\n", false));
    recorder.ended("the far side closed");
    assertEquals(2, lines().size(), lines().toString());
    assertEquals(1, ends.size(), ends.toString());
  }

  @Test
  void aSessionWithoutOutputStillLeavesAPlayableCast() {
    recorder.ended("client connection lost");
    assertEquals(1, lines().size());
    assertTrue(lines().get(0).startsWith("{\"version\":2,"));
    assertEquals(List.of("0/0 client connection lost"), ends);
  }

  @Test
  void anOversizedFrameEndsTheRecordingButKeepsWhatCameBeforeAndCountsWhatCameAfter() {
    server(channel(1, "before\n", false));
    byte[] huge = {(byte) 0x82, 127, 0, 0, 0, 1, 0, 0, 0, 0};
    server(huge);
    byte[] after = channel(1, "after\n", false);
    server(after);
    recorder.ended("the far side closed");

    assertEquals(2, lines().size(), lines().toString());
    assertEquals("[0.000000,\"o\",\"before\\n\"]", lines().get(1));
    assertEquals(1, ends.size());
    assertTrue(ends.get(0).contains("; recording stopped after "
        + (channel(1, "before\n", false).length + huge.length) + " bytes: message longer than "
        + ExecRecorder.MAX_MESSAGE + " bytes"), ends.get(0));
    assertTrue(ends.get(0).startsWith("0/" + (channel(1, "before\n", false).length + huge.length
        + after.length) + " "), ends.get(0));
  }

  @Test
  void malformedSizesAndGarbageEndOnlyTheRecording() {
    client(channel(4, "{\"Width\":0,\"Height\":24}", true));
    recorder.ended("the far side closed");
    assertTrue(ends.get(0).contains("recording stopped after") && ends.get(0).contains(
        "terminal size is not"), ends.get(0));

    ExecRecorder other = new ExecRecorder(new ExecRecorder.Sink() {
      @Override
      public void append(byte[] bytes) {}

      @Override
      public void ended(long bytesIn, long bytesOut, String how) {
        ends.add(how);
      }
    }, clock);
    byte[] garbage = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    other.clientToFar(garbage, 0, garbage.length);
    other.ended("the far side closed");
    assertTrue(ends.get(1).startsWith("the far side closed; recording stopped after 18 bytes: "),
        ends.get(1));
  }

  @Test
  void handsOnPiecesByTimeAndSizeAndTheRestAtTheEnd() {
    server(channel(1, "a", false));
    assertEquals(List.of(), pieces, "nothing due yet");
    now = START.plus(ExecRecorder.FLUSH_EVERY);
    server(channel(1, "b", false));
    assertEquals(1, pieces.size(), "a second passed");
    server(channel(1, "x".repeat(ExecRecorder.FLUSH_BYTES), false));
    assertEquals(2, pieces.size(), "a full piece");
    server(channel(1, "c", false));
    recorder.ended("the far side closed");
    assertEquals(3, pieces.size(), "the rest at the end");
    assertTrue(lines().get(lines().size() - 1).contains("\"c\""));
  }

  @Test
  void aFailingSinkEndsTheRecordingAndTheEndIsStillTold() {
    sinkFails = true;
    now = START.plus(ExecRecorder.FLUSH_EVERY);
    server(channel(1, "lost\n", false));
    server(channel(1, "ignored\n", false));
    recorder.ended("the far side closed");
    assertEquals(1, ends.size());
    assertTrue(ends.get(0).contains("recording stopped after") && ends.get(0).contains(
        "the store is away"), ends.get(0));
  }

  @Test
  void fragmentedMessagesAreJoinedBeforeTheirChannelIsRead() {
    byte[] first = frame(false, WebSocketMessages.BINARY, false, new byte[] {1, 'h', 'e'});
    byte[] ping = frame(true, 9, false, new byte[0]);
    byte[] last = frame(true, WebSocketMessages.CONTINUATION, false, "llo".getBytes(StandardCharsets.UTF_8));
    server(first);
    server(ping);
    server(last);
    recorder.ended("the far side closed");
    assertEquals("[0.000000,\"o\",\"hello\"]", lines().get(1));
  }

  private void client(byte[] bytes) {
    recorder.clientToFar(bytes, 0, bytes.length);
  }

  private void server(byte[] bytes) {
    recorder.farToClient(bytes, 0, bytes.length);
  }

  private List<String> lines() {
    return cast.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
