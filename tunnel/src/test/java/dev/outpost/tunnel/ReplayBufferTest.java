package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay buffer keeps copies of sent payloads in a ring; neither sender nor reader disturbs it. */
class ReplayBufferTest {

  @Test
  void replaysFromAnyOffsetInSlicesOfAtMostTheLimit() {
    ReplayBuffer replay = new ReplayBuffer(true, 100);
    replay.append(ByteBuffer.wrap(bytes(0, 5)));
    replay.append(ByteBuffer.wrap(bytes(5, 7)));
    replay.acknowledge(2);

    assertEquals(102, replay.acknowledged());
    assertEquals(10, replay.held());
    List<ByteBuffer> slices = replay.from(104, 4);
    assertEquals(List.of(4, 4), slices.stream().map(ByteBuffer::remaining).toList());
    assertArrayEquals(bytes(4, 8), join(slices));
  }

  @Test
  void aSenderThatConsumesItsBuffersAfterSendingLeavesTheReplayWhole() {
    ReplayBuffer replay = new ReplayBuffer(true, 0);
    ByteBuffer sent = ByteBuffer.wrap(bytes(0, 8), 2, 5); // a payload behind a header, say
    replay.append(sent);
    sent.position(sent.limit()); // as a channel's write moves it

    assertArrayEquals(bytes(2, 5), join(replay.from(0, 64)));
  }

  @Test
  void aSenderThatReusesItsBufferAfterSendingLeavesTheReplayWhole() {
    ReplayBuffer replay = new ReplayBuffer(true, 0);
    byte[] reused = bytes(0, 6);
    replay.append(ByteBuffer.wrap(reused));
    Arrays.fill(reused, (byte) -1); // a reader's next read into the same array

    assertArrayEquals(bytes(0, 6), join(replay.from(0, 64)));
  }

  @Test
  void aReplaySliceChangedByItsReaderLeavesTheRingWhole() {
    ReplayBuffer replay = new ReplayBuffer(true, 0);
    replay.append(ByteBuffer.wrap(bytes(0, 6)));
    replay.from(0, 64).get(0).put(0, (byte) -1);

    assertArrayEquals(bytes(0, 6), join(replay.from(0, 64)));
  }

  /**
   * A sender keeps about a window in flight: the ring wraps around its end many times, and grows
   * (keeping the held bytes in order) only when more is held than it has room for.
   */
  @Test
  void keepsEveryHeldByteInOrderAcrossWrapsAndGrowth() {
    ReplayBuffer replay = new ReplayBuffer(true, 7);
    Random random = new Random(42);
    byte[] stream = new byte[1 << 20];
    random.nextBytes(stream);
    int sent = 0;
    int acknowledged = 0;
    while (sent < stream.length) {
      int chunk = Math.min(stream.length - sent, 1 + random.nextInt(9_000));
      replay.append(ByteBuffer.wrap(stream, sent, chunk));
      sent += chunk;
      int limit = sent > 600_000 ? 40_000 : 12_000; // the window widens once: the ring grows
      acknowledged = Math.max(acknowledged, sent - limit + random.nextInt(limit / 2));
      replay.acknowledgeTo(7 + acknowledged);
      long from = 7 + acknowledged + random.nextInt(sent - acknowledged + 1);
      assertArrayEquals(Arrays.copyOfRange(stream, (int) from - 7, sent),
          join(replay.from(from, 1_500)), "replay from " + from + " after " + sent + " bytes");
    }
    assertEquals(7 + sent, replay.sent());
  }

  @Test
  void aReplayReadToItsEndCanBeReplayedAgain() {
    ReplayBuffer replay = new ReplayBuffer(true, 0);
    replay.append(ByteBuffer.wrap(bytes(0, 9)));
    replay.acknowledgeTo(3);

    join(replay.from(3, 2)); // one resume's transport consumes every slice
    assertArrayEquals(bytes(3, 6), join(replay.from(3, 2)), "a second resume sends the same bytes");
    replay.acknowledgeTo(7);
    assertArrayEquals(bytes(7, 2), join(replay.from(7, 2)));
  }

  /**
   * A replay from an offset the buffer does not hold would send bytes from before the head's
   * position (its view still reaches them), or bytes of whatever sits in front of it in its
   * message, or nothing at all where bytes are missing: refused instead, loudly.
   */
  @Test
  void aReplayFromAnOffsetNotHeldIsRefused() {
    ReplayBuffer replay = new ReplayBuffer(true, 100);
    replay.append(ByteBuffer.wrap(bytes(0, 16), 10, 6)); // a payload behind its header
    replay.append(ByteBuffer.wrap(bytes(16, 6)));
    replay.acknowledgeTo(103);

    IllegalArgumentException dropped =
        assertThrows(IllegalArgumentException.class, () -> replay.from(102, 64));
    assertEquals("cannot replay from 102: bytes 103 to 112 are held", dropped.getMessage());
    assertThrows(IllegalArgumentException.class, () -> replay.from(113, 64));
    assertArrayEquals(bytes(13, 9), join(replay.from(103, 64)));
    assertEquals(List.of(), replay.from(112, 64), "from the end: nothing to send");
  }

  @Test
  void aBufferThatDoesNotRecordOnlyCounts() {
    ReplayBuffer replay = new ReplayBuffer(false, 0);
    replay.append(ByteBuffer.wrap(bytes(0, 9)));
    assertEquals(9, replay.sent());
    assertEquals(0, replay.held());
    assertEquals(List.of(), replay.from(9, 4));
  }

  private static byte[] bytes(int first, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) (first + i);
    }
    return bytes;
  }

  /** Reads every slice to its end, as a transport does. */
  private static byte[] join(List<ByteBuffer> slices) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer slice : slices) {
      while (slice.hasRemaining()) {
        out.write(slice.get());
      }
    }
    return out.toByteArray();
  }
}
