package dev.outpost.tunnel;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * <p>It keeps the payloads of the DATA messages sent, by reference: a message is never modified
 * once sent (see {@link FrameTransport#send}), so keeping a byte for replay costs no copy.
 */
final class ReplayBuffer {
  private final boolean recording;
  /** Views of the unacknowledged payloads, the head's position moved past acknowledged bytes. */
  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private long acknowledged;
  private long sent;

  /** Records bytes from stream offset {@code start} on (if {@code recording}). */
  ReplayBuffer(boolean recording, long start) {
    this.recording = recording;
    this.acknowledged = start;
    this.sent = start;
  }

  /** Records the remaining bytes of {@code payload}, just sent; keeps them without copying. */
  void append(ByteBuffer payload) {
    int length = payload.remaining();
    if (recording) {
      chunks.add(payload.asReadOnlyBuffer());
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
    while (drop > 0) {
      ByteBuffer head = chunks.peek();
      int n = (int) Math.min(drop, head.remaining());
      head.position(head.position() + n);
      drop -= n;
      acknowledged += n;
      if (!head.hasRemaining()) {
        chunks.remove();
      }
    }
  }

  /**
   * The recorded bytes from stream offset {@code offset} on, in slices of at most {@code max}.
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
    long skip = offset - acknowledged;
    for (ByteBuffer chunk : chunks) {
      int skipped = (int) Math.min(skip, chunk.remaining());
      skip -= skipped;
      for (int at = chunk.position() + skipped; at < chunk.limit(); at += max) {
        slices.add(chunk.slice(at, Math.min(max, chunk.limit() - at)));
      }
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
}
