package dev.outpost.tunnel.ws;

import static dev.outpost.tunnel.ws.WebSocketFrames.FIN;
import static dev.outpost.tunnel.ws.WebSocketFrames.LENGTH_16;
import static dev.outpost.tunnel.ws.WebSocketFrames.LENGTH_64;
import static dev.outpost.tunnel.ws.WebSocketFrames.MASKED;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Writes a client's frames: each message as one final frame, masked with a fresh key. The header
 * and the masked payload are laid out in one reusable buffer and leave in writes of up to its
 * size, so a frame costs one copy (masking needs one: the caller's buffer is never touched) and
 * one write per {@link #BUFFER_SIZE}, with no allocation.
 *
 * <p>Not thread-safe: the caller serialises frames.
 */
final class MaskedFrameWriter {
  /** Four TLS records' worth: fewer, larger writes, yet cache-resident while masked. */
  static final int BUFFER_SIZE = 64 * 1024;

  private static final int MAX_HEADER = 2 + 8 + 4;

  private final OutputStream out;
  private final SplittableRandom keys;
  private final byte[] buffer = new byte[BUFFER_SIZE];

  /**
   * @param keys masking keys, seeded per connection from a secure source. RFC 6455 (section 10.3)
   *     asks for keys a script in a browser cannot predict, so that it cannot choose the bytes an
   *     intermediary sees; a seeded generator is unpredictable enough for that, and no script of
   *     anyone else's writes on this connection. A {@code SecureRandom} draw per frame would cost
   *     more than masking the frame.
   */
  MaskedFrameWriter(OutputStream out, SplittableRandom keys) {
    this.out = out;
    this.keys = keys;
  }

  /** Writes {@code payload} (from its position to its limit, left as they are) as one frame. */
  void write(int opcode, ByteBuffer payload) throws IOException {
    int key = keys.nextInt();
    int length = payload.remaining();
    int at = header(opcode, length, key);
    int done = 0;
    do {
      int n = Math.min(length - done, buffer.length - at);
      payload.get(payload.position() + done, buffer, at, n);
      Masking.mask(buffer, at, n, key, done);
      out.write(buffer, 0, at + n);
      done += n;
      at = 0;
    } while (done < length);
    out.flush();
  }

  private int header(int opcode, int length, int key) {
    ByteBuffer header = ByteBuffer.wrap(buffer, 0, MAX_HEADER).put((byte) (FIN | opcode));
    if (length < LENGTH_16) {
      header.put((byte) (MASKED | length));
    } else if (length <= 0xFFFF) {
      header.put((byte) (MASKED | LENGTH_16)).putShort((short) length);
    } else {
      header.put((byte) (MASKED | LENGTH_64)).putLong(length);
    }
    return header.putInt(key).position();
  }
}
