package dev.outpost.tunnel.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Argument checks shared by the frame records. They throw {@link IllegalArgumentException}; the
 * decoder turns that into a {@link FrameException}, so each rule is written once.
 */
final class Checks {
  private Checks() {}

  static int streamId(int id) {
    if (id <= 0) {
      throw new IllegalArgumentException(
          "stream id must be in 1.."
              + FrameLimits.MAX_31_BIT
              + ", got "
              + Integer.toUnsignedString(id));
    }
    return id;
  }

  /** A byte offset into a stream: 0..2^63-1. */
  static long offset(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          field + " must be in 0.." + Long.MAX_VALUE + ", got " + Long.toUnsignedString(value));
    }
    return value;
  }

  static int range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be in " + min + ".." + max + ", got " + value);
    }
    return value;
  }

  /** A read-only view of {@code bytes}' remaining content, checked for size; shares content. */
  static ByteBuffer bytes(String field, ByteBuffer bytes, int min, int max) {
    return view(field, bytes, min, max).slice().asReadOnlyBuffer();
  }

  /**
   * A view of {@code bytes} with its own position, checked for size: it shares content, indexes
   * and writability, so the bytes in front of the remaining ones stay reachable.
   */
  static ByteBuffer view(String field, ByteBuffer bytes, int min, int max) {
    Objects.requireNonNull(bytes, field);
    if (bytes.remaining() < min || bytes.remaining() > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + ".." + max + " bytes, got " + bytes.remaining());
    }
    return bytes.duplicate();
  }

  static String text(String field, String value, int min, int maxBytes) {
    Objects.requireNonNull(value, field);
    int length = value.getBytes(StandardCharsets.UTF_8).length;
    if (length < min || length > maxBytes) {
      throw new IllegalArgumentException(
          field + " must be " + min + ".." + maxBytes + " bytes of UTF-8, got " + length);
    }
    return value;
  }
}
