package dev.outpost.it;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Just enough RFC 6455 for the WebSocket servers and clients the tests run: the handshake's
 * accept value and single-frame messages (up to 64 KiB), masked from clients.
 */
public final class WebSocketFrames {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  public record Frame(int opcode, byte[] payload) {}

  private WebSocketFrames() {}

  /** {@code Sec-WebSocket-Accept} for the client's {@code Sec-WebSocket-Key}. */
  public static String accept(String key) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** The next frame, unmasked; null at end of stream. */
  public static Frame read(InputStream in) throws IOException {
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
  public static void write(OutputStream out, int opcode, byte[] payload, boolean masked)
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
