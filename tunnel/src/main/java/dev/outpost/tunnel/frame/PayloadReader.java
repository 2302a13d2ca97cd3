package dev.outpost.tunnel.frame;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Reads the fields of one frame payload, failing with the frame type and field in the message. */
final class PayloadReader {
  private final FrameType type;
  private final ByteBuffer in;

  PayloadReader(FrameType type, ByteBuffer payload) {
    this.type = type;
    this.in = payload;
  }

  int u8(String field) throws FrameException {
    need(field, Byte.BYTES);
    return Byte.toUnsignedInt(in.get());
  }

  /** Exactly {@code length} bytes, as a view. */
  ByteBuffer bytes(String field, int length) throws FrameException {
    need(field, length);
    ByteBuffer view = in.slice().limit(length);
    in.position(in.position() + length);
    return view;
  }

  int remaining() {
    return in.remaining();
  }

  int u16(String field) throws FrameException {
    need(field, Short.BYTES);
    return Short.toUnsignedInt(in.getShort());
  }

  int u32(String field) throws FrameException {
    need(field, Integer.BYTES);
    return in.getInt();
  }

  /** An unsigned 32-bit field that must fit in 31 bits. */
  int u31(String field) throws FrameException {
    long value = Integer.toUnsignedLong(u32(field));
    if (value > FrameLimits.MAX_31_BIT) {
      throw error(field + " " + value + " exceeds " + FrameLimits.MAX_31_BIT);
    }
    return (int) value;
  }

  long u64(String field) throws FrameException {
    need(field, Long.BYTES);
    return in.getLong();
  }

  ErrorCode errorCode() throws FrameException {
    int code = u16("error code");
    return ErrorCode.fromCode(code)
        .orElseThrow(() -> error(String.format("unknown error code 0x%04X", code)));
  }

  /** The remaining bytes as a view, without copying. */
  ByteBuffer rest() {
    ByteBuffer rest = in.slice();
    in.position(in.limit());
    return rest;
  }

  /**
   * The remaining bytes as a view that keeps the buffer's indexes, so the bytes read before them
   * (the frame's header) stay in front, without copying.
   */
  ByteBuffer restInPlace() {
    ByteBuffer rest = in.duplicate();
    in.position(in.limit());
    return rest;
  }

  /** The remaining bytes as strict UTF-8, refused unread when longer than {@code maxBytes}. */
  String utf8Rest(String field, int maxBytes) throws FrameException {
    if (in.remaining() > maxBytes) {
      throw error(field + " of " + in.remaining() + " bytes exceeds the maximum of " + maxBytes);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(rest()).toString();
    } catch (CharacterCodingException e) {
      throw error(field + " is not valid UTF-8");
    }
  }

  void requireEnd() throws FrameException {
    if (in.hasRemaining()) {
      throw error(in.remaining() + " unexpected bytes after the last field");
    }
  }

  FrameException error(String detail) {
    return new FrameException(type + " frame: " + detail);
  }

  private void need(String field, int bytes) throws FrameException {
    if (in.remaining() < bytes) {
      throw error(
          "truncated: " + field + " needs " + bytes + " bytes, " + in.remaining() + " left");
    }
  }
}
