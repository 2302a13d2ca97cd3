package dev.outpost.tunnel.ws;

import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/**
 * Joins the parts of one binary WebSocket message, refusing messages over a size cap. The buffer
 * of a message in parts grows at most by doubling, or at once to the size that its first bytes
 * announce (an {@code expectedSize} of the protocol carried: a tunnel frame's header), so joining
 * never costs more than a copy or two per byte, however many parts there are.
 */
final class MessageAssembler {
  private static final int INITIAL_CAPACITY = 16 * 1024;

  private final int maxBytes;
  private final ToIntFunction<ByteBuffer> expectedSize;
  private ByteBuffer partial;

  /**
   * @param expectedSize the whole message's size as its first bytes (a read-only view) announce,
   *     or 0 when they do not tell; only a hint, the message may end up smaller or larger
   */
  MessageAssembler(int maxBytes, ToIntFunction<ByteBuffer> expectedSize) {
    this.maxBytes = maxBytes;
    this.expectedSize = expectedSize;
  }

  /**
   * Makes room for {@code bytes} more of the current message, before they are {@link #append
   * appended}.
   *
   * @param last whether they end the message: a message in one part gets a buffer of its size
   * @throws WebSocketProtocolException (message too big) if the message would exceed the cap
   */
  void reserve(long bytes, boolean last) throws WebSocketProtocolException {
    int size = checkSize(bytes);
    if (partial == null) {
      partial = ByteBuffer.allocate(last ? size : Math.min(maxBytes, Math.max(size, INITIAL_CAPACITY)));
    } else if (partial.capacity() < size) {
      long announced = expectedSize.applyAsInt(partial.duplicate().flip().asReadOnlyBuffer());
      long doubled = 2L * partial.capacity();
      int capacity = (int) Math.min(maxBytes, Math.max(size, announced >= size ? announced : doubled));
      partial = ByteBuffer.allocate(capacity).put(partial.flip());
    }
  }

  private int checkSize(long bytes) throws WebSocketProtocolException {
    long size = (partial == null ? 0 : partial.position()) + bytes;
    if (size > maxBytes) {
      partial = null;
      throw new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG,
          "WebSocket message exceeds the maximum of " + maxBytes + " bytes");
    }
    return (int) size;
  }

  /**
   * Copies {@code length} bytes from {@code from} (reserved before) and unmasks them in place.
   *
   * @param payloadOffset where in their WebSocket frame's payload these bytes start
   */
  void append(ByteBuffer from, int length, int maskKey, long payloadOffset) {
    int start = partial.position();
    partial.put(partial.position(), from, from.position(), length).position(start + length);
    from.position(from.position() + length);
    if (maskKey != 0) { // XOR with 0 changes nothing: a server's frames, or a client's rare zero key
      Masking.unmask(partial.array(), partial.arrayOffset() + start, length, maskKey, payloadOffset);
    }
  }

  /** The whole message appended so far, ready to read; the assembler starts afresh. */
  ByteBuffer finish() {
    ByteBuffer message = partial == null ? ByteBuffer.allocate(0) : partial.flip();
    partial = null;
    return message;
  }
}
