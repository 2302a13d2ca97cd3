package dev.outpost.tunnel.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Writes frames as a client would (masked), and as a hostile one might: any first byte, any length
 * encoding, with or without a mask. For tests of the server's reader.
 */
final class ClientFrames {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A well-formed masked frame. */
  ClientFrames frame(boolean fin, int opcode, byte[] payload, int maskKey) {
    return raw((fin ? 0x80 : 0) | opcode, payload, maskKey, true, shortestLengthBytes(payload.length));
  }

  /**
   * Any frame: {@code first} byte as given, the length in {@code lengthBytes} extra bytes (0, 2 or
   * 8), masked with {@code maskKey} only if {@code masked}.
   */
  ClientFrames raw(int first, byte[] payload, int maskKey, boolean masked, int lengthBytes) {
    out.write(first);
    int maskBit = masked ? 0x80 : 0;
    if (lengthBytes == 0) {
      out.write(maskBit | payload.length);
    } else if (lengthBytes == 2) {
      out.write(maskBit | 126);
      out.writeBytes(ByteBuffer.allocate(2).putShort((short) payload.length).array());
    } else {
      out.write(maskBit | 127);
      out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
    }
    byte[] body = payload.clone();
    if (masked) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(maskKey).array());
      for (int i = 0; i < body.length; i++) {
        body[i] ^= (byte) (maskKey >>> (24 - 8 * (i % 4)));
      }
    }
    out.writeBytes(body);
    return this;
  }

  /** Bytes as they are, e.g. a header announcing more than follows. */
  ClientFrames bytes(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  byte[] toBytes() {
    return out.toByteArray();
  }

  static int shortestLengthBytes(int length) {
    return length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
  }
}
