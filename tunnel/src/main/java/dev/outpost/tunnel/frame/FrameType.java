package dev.outpost.tunnel.frame;

import java.util.Optional;

/**
 * The closed set of frame types and their one-byte wire codes. Connection-level types travel on
 * stream 0; stream-level types name a stream with a positive id.
 */
public enum FrameType {
  HELLO(0x01, true),
  AUTH(0x02, true),
  AUTH_OK(0x03, true),
  RESUME(0x04, true),
  OPEN(0x10, false),
  OPEN_OK(0x11, false),
  DATA(0x12, false),
  WINDOW(0x13, false),
  CLOSE(0x14, false),
  RESET(0x15, false),
  PING(0x20, true),
  PONG(0x21, true),
  GOAWAY(0x22, true);

  private static final FrameType[] BY_CODE = new FrameType[256];

  static {
    for (FrameType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;
  private final boolean connectionLevel;

  FrameType(int code, boolean connectionLevel) {
    this.code = code;
    this.connectionLevel = connectionLevel;
  }

  /** The type with this wire code, if any. */
  public static Optional<FrameType> fromCode(int code) {
    return code >= 0 && code < BY_CODE.length
        ? Optional.ofNullable(BY_CODE[code])
        : Optional.empty();
  }

  public int code() {
    return code;
  }

  /** Whether the frame concerns the whole connection and so travels on stream 0. */
  public boolean connectionLevel() {
    return connectionLevel;
  }
}
