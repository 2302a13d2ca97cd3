package dev.outpost.tunnel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes one stream sent and the peer has not yet acknowledged, kept so that a resumed
 * connection can send them again. The peer acknowledges by crediting bytes back (WINDOW), and
 * never credits more than a window ahead of what it consumed, so the buffer never holds more than
 * the window the peer granted: a peer that stops reading stops the sender, not memory. A buffer
 * that does not record (streams of a connection that cannot resume) only counts. Not thread-safe;
 * {@link StreamOutput} guards it.
 *
 * <p>It copies what is sent into one ring that grows to the bytes held at most, and is reused
 * from then on. Keeping the sent messages themselves would save that copy but keep a full window
 * of them alive until the peer's credit returns: long enough to outlive a young collection, so a
 * small heap promoted them and paid full collections for it (docs/performance.md, "The agent's
 * collections"). A replay copies out of the ring, so nothing outside it ever sees the ring.
 */
final class ReplayBuffer {
  private static final int FIRST_CAPACITY = 16 * 1024;

  private final boolean recording;
  private byte[] ring = new byte[0];
  /** Index in {@link #ring} of the byte at stream offset {@link #acknowledged}. */
  private int head;
  private long acknowledged;
  private long sent;

  /** Records bytes from stream offset {@code start} on (if {@code recording}). */
  ReplayBuffer(boolean recording, long start) {
    this.recording = recording;
    this.acknowledged = start;
    this.sent = start;
  }

  /** Records a copy of the remaining bytes of {@code payload}, just sent; leaves it untouched. */
  void append(ByteBuffer payload) {
    int length = payload.remaining();
    if (recording) {
      int held = (int) held();
      ensureCapacity(held + length);
      int tail = (head + held) % ring.length;
      int first = Math.min(length, ring.length - tail);
      payload.get(payload.position(), ring, tail, first);
      payload.get(payload.position() + first, ring, 0, length - first);
    } else {
      acknowledged += length; // nothing to keep: as if acknowledged at once
    }
    sent += length;
  }

  /** The peer credited {@code bytes} more; they will never be needed again. */
  void acknowledge(long bytes) {
    acknowledgeTo(Math.min(sent, acknowledged + bytes));
  }

  /** Drops everything before stream offset {@code offset} (at most {@link #sent()}). */
  void acknowledgeTo(long offset) {
    if (!recording) {
      return;
    }
    long drop = Math.min(offset, sent) - acknowledged;
    if (drop > 0) {
      head = (int) ((head + drop) % ring.length);
      acknowledged += drop;
    }
  }

  /**
   * Copies of the recorded bytes from stream offset {@code offset} on, in slices of at most
   * {@code max}.
   *
   * @throws IllegalArgumentException if {@code offset} is not held: before the bytes acknowledged
   *     (dropped) or beyond those sent; a resume checks the peer's offsets first
   */
  List<ByteBuffer> from(long offset, int max) {
    if (offset < acknowledged || offset > sent) {
      throw new IllegalArgumentException("cannot replay from " + offset + ": bytes "
          + acknowledged + " to " + sent + " are held");
    }
    List<ByteBuffer> slices = new ArrayList<>();
    for (long at = offset; at < sent; at += max) {
      byte[] slice = new byte[(int) Math.min(max, sent - at)];
      copyOut(at, slice, slice.length);
      slices.add(ByteBuffer.wrap(slice));
    }
    return slices;
  }

  /** Stream offset of the next byte to send: all bytes sent so far. */
  long sent() {
    return sent;
  }

  /** Stream offset below which the peer has acknowledged every byte. */
  long acknowledged() {
    return acknowledged;
  }

  /** Bytes held for replay. */
  long held() {
    return sent - acknowledged;
  }

  /**
   * Copies {@code length} held bytes from stream offset {@code offset} on to the start of {@code
   * target}, in two parts where they wrap around the ring's end.
   */
  private void copyOut(long offset, byte[] target, int length) {
    int start = (int) ((head + offset - acknowledged) % ring.length);
    int first = Math.min(length, ring.length - start);
    System.arraycopy(ring, start, target, 0, first);
    System.arraycopy(ring, 0, target, first, length - first);
  }

  /** Grows the ring to a power of two that holds {@code needed} bytes, the held ones first. */
  private void ensureCapacity(int needed) {
    if (needed <= ring.length) {
      return;
    }
    int capacity = Math.max(FIRST_CAPACITY, Integer.highestOneBit(needed - 1) << 1);
    if (capacity < needed) {
      throw new IllegalStateException(needed + " bytes exceed what a replay buffer can hold");
    }
    byte[] grown = new byte[capacity];
    if (held() > 0) {
      copyOut(acknowledged, grown, (int) held());
    }
    ring = grown;
    head = 0;
  }
}
