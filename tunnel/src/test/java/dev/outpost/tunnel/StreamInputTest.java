package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a stream's input keeps of the payloads offered to it, as views of their messages (the
 * frame's header in front): a replay's bytes this side has already are dropped exactly, nothing
 * is ever taken from in front of a payload.
 */
class StreamInputTest {
  private static final int WINDOW = 64;

  private final List<Integer> credit = new ArrayList<>();
  private final StreamInput input = new StreamInput(WINDOW, StreamStart.ZERO, credit::add);

  @Test
  void aReplayOverlappingWhatThisSideHasAddsOnlyTheBytesAfterIt() throws IOException {
    byte[] bytes = TestPeers.pattern(30, 9);
    assertTrue(input.offer(payload(bytes, 0, 10)));
    input.replayFrom(4, credit::add); // the peer replays from 4, this side has 10

    assertTrue(input.offer(payload(bytes, 4, 3)), "wholly known: dropped");
    assertTrue(input.offer(payload(bytes, 7, 8)), "straddling: its last 5 bytes are new");
    assertTrue(input.offer(payload(bytes, 15, 15)));

    assertArrayEquals(bytes, input.readNBytes(30));
    assertEquals(0, input.available());
    assertEquals(30, input.received());
    assertFalse(input.replaying());
  }

  @Test
  void aReplayFromBeyondWhatThisSideReceivedIsRefused() {
    assertTrue(input.offer(payload(TestPeers.pattern(10, 1), 0, 10)));

    IllegalArgumentException gap =
        assertThrows(IllegalArgumentException.class, () -> input.replayFrom(12, credit::add));
    assertEquals("replay from 12 would skip bytes: only 10 received", gap.getMessage());
  }

  @Test
  void aPayloadRefusedForTheWindowLeavesTheOffsetsAsTheyWere() throws IOException {
    byte[] bytes = TestPeers.pattern(WINDOW + 5, 3);
    assertFalse(input.offer(payload(bytes, 0, WINDOW + 1)), "more than the window");

    assertTrue(input.offer(payload(bytes, 0, 5)));
    assertEquals(5, input.received());
    assertArrayEquals(Arrays.copyOf(bytes, 5), input.readNBytes(5),
        "the next payload is read from its own start, not from its header");
  }

  /** Bytes {@code offset} to {@code offset + length} of {@code bytes} as a decoded DATA payload. */
  private static ByteBuffer payload(byte[] bytes, int offset, int length) {
    return FrameCodec.encodeData(1, ByteBuffer.wrap(bytes, offset, length))
        .position(FrameLimits.HEADER_LENGTH);
  }
}
