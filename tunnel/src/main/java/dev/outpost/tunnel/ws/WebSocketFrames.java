package dev.outpost.tunnel.ws;

import dev.outpost.tunnel.frame.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The RFC 6455 frame layout a server writes: opcodes, and headers and control frames without a
 * mask (only clients mask). Every message leaves as one final frame.
 */
public final class WebSocketFrames {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** Control frames (close, ping, pong) carry at most this many payload bytes. */
  static final int MAX_CONTROL_PAYLOAD = 125;

  /** A close frame's reason: what is left of the control payload after the status code. */
  static final int MAX_CLOSE_REASON = MAX_CONTROL_PAYLOAD - 2;

  static final int FIN = 0x80;
  static final int RESERVED_BITS = 0x70;
  static final int OPCODE_BITS = 0x0F;
  static final int MASKED = 0x80;
  static final int LENGTH_16 = 126;
  static final int LENGTH_64 = 127;

  private WebSocketFrames() {}

  /** The header of a final, unmasked frame of {@code opcode} carrying {@code length} bytes. */
  public static byte[] header(int opcode, int length) {
    if (length < LENGTH_16) {
      return new byte[] {(byte) (FIN | opcode), (byte) length};
    }
    ByteBuffer header = length <= 0xFFFF
        ? ByteBuffer.allocate(4).put((byte) (FIN | opcode)).put((byte) LENGTH_16).putShort((short) length)
        : ByteBuffer.allocate(10).put((byte) (FIN | opcode)).put((byte) LENGTH_64).putLong(length);
    return header.array();
  }

  /** A whole close frame: {@code code} and as much of {@code reason} as fits, in whole characters. */
  public static byte[] close(int code, String reason) {
    byte[] text = Utf8.truncate(reason, MAX_CLOSE_REASON).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + 2 + text.length)
        .put(header(CLOSE, 2 + text.length))
        .putShort((short) code)
        .put(text)
        .array();
  }

  /** A whole control frame of {@code opcode} carrying {@code payload} (at most 125 bytes). */
  public static byte[] control(int opcode, ByteBuffer payload) {
    return ByteBuffer.allocate(2 + payload.remaining())
        .put(header(opcode, payload.remaining()))
        .put(payload.duplicate())
        .array();
  }
}
