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
 */
final class ReplayBuffer {
  private final boolean recording;
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private int headOffset;
  private long acknowledged;
  private long sent;

  /** Records bytes from stream offset {@code start} on (if {@code recording}). */
  ReplayBuffer(boolean recording, long start) {
    this.recording = recording;
    this.acknowledged = start;
    this.sent = start;
  }

  /** Records bytes just sent; copies them. */
  void append(byte[] source, int offset, int length) {
    if (recording) {
      byte[] chunk = new byte[length];
      System.arraycopy(source, offset, chunk, 0, length);
      chunks.add(chunk);
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
      byte[] head = chunks.peek();
      int n = (int) Math.min(drop, head.length - headOffset);
      headOffset += n;
      drop -= n;
      acknowledged += n;
      if (headOffset == head.length) {
        chunks.remove();
        headOffset = 0;
      }
    }
  }

  /** The recorded bytes from stream offset {@code offset} on, in slices of at most {@code max}. */
  List<ByteBuffer> from(long offset, int max) {
    List<ByteBuffer> slices = new ArrayList<>();
    long skip = offset - acknowledged;
    boolean first = true;
    for (byte[] chunk : chunks) {
      int start = first ? headOffset : 0;
      first = false;
      int skipped = (int) Math.min(skip, chunk.length - start);
      skip -= skipped;
      for (int at = start + skipped; at < chunk.length; at += max) {
        slices.add(ByteBuffer.wrap(chunk, at, Math.min(max, chunk.length - at)));
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
