package dev.outpost.it.apps;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/** Just enough RFC 6455 framing for an echo: single-frame messages, masked from clients. */
final class WebSocketFrames {
  private static final SecureRandom RANDOM = new SecureRandom();

  record Frame(int opcode, byte[] payload) {}

  private WebSocketFrames() {}

  /** The next frame, unmasked; null at end of stream. */
  static Frame read(InputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.read();
    if (second < 0) {
      throw new EOFException("frame cut short");
    }
    long length = second & 0x7f;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
    byte[] payload = in.readNBytes((int) length);
    if (payload.length != length) {
      throw new EOFException("frame cut short");
    }
    if (mask != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
    }
    return new Frame(first & 0x0f, payload);
  }

  /** Writes one final frame; clients must mask theirs. */
  static void write(OutputStream out, int opcode, byte[] payload, boolean masked)
      throws IOException {
    out.write(0x80 | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.write(maskBit | payload.length);
    } else {
      out.write(maskBit | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    }
    byte[] data = payload.clone();
    if (masked) {
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      out.write(mask);
      for (int i = 0; i < data.length; i++) {
        data[i] ^= mask[i % 4];
      }
    }
    out.write(data);
    out.flush();
  }
}
