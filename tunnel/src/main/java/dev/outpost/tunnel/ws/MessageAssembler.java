package dev.outpost.tunnel.ws;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Joins the parts of one binary WebSocket message, refusing messages over a size cap. A message
 * that arrives whole (the usual case) is passed through without copying.
 */
final class MessageAssembler {
  private static final int INITIAL_CAPACITY = 16 * 1024;

  private final int maxBytes;
  private ByteBuffer partial;

  MessageAssembler(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Adds one part; returns the whole message after the last part, null before.
   *
   * @throws IOException if the message grows beyond the cap
   */
  ByteBuffer add(ByteBuffer part, boolean last) throws IOException {
    int size = (partial == null ? 0 : partial.position()) + part.remaining();
    if (size > maxBytes) {
      partial = null;
      throw new IOException("WebSocket message exceeds the maximum of " + maxBytes + " bytes");
    }
    if (partial == null && last) {
      return part;
    }
    ensureCapacity(size);
    partial.put(part);
    if (!last) {
      return null;
    }
    ByteBuffer message = partial.flip();
    partial = null;
    return message;
  }

  private void ensureCapacity(int size) {
    if (partial == null) {
      partial = ByteBuffer.allocate(Math.min(maxBytes, Math.max(size, INITIAL_CAPACITY)));
    } else if (partial.capacity() < size) {
      int capacity = (int) Math.min(maxBytes, Math.max(size, 2L * partial.capacity()));
      partial = ByteBuffer.allocate(capacity).put(partial.flip());
    }
  }
}
