package dev.outpost.tunnel.frame;

import java.util.Optional;

/** Why a stream was reset or a connection sent away; travels as a u16 in RESET and GOAWAY. */
public enum ErrorCode {
  /** Orderly end, nothing went wrong. */
  NONE(0),
  /** The peer broke the protocol. */
  PROTOCOL(1),
  /** The peer sent more DATA than it was granted, or granted more than a window can hold. */
  FLOW_CONTROL(2),
  /** The stream was not accepted (no such target, not allowed, too many streams). */
  REFUSED(3),
  /** The local side gave up on the stream. */
  CANCELLED(4),
  /** Something failed on this side; not the peer's fault. */
  INTERNAL(5),
  /** The handshake credential was not accepted. */
  UNAUTHENTICATED(6),
  /** The peers speak different protocol versions. */
  UNSUPPORTED_VERSION(7),
  /** A handshake, an OPEN or the keep-alive ran out of time. */
  TIMEOUT(8);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** The error code with this wire value, if any. */
  public static Optional<ErrorCode> fromCode(int code) {
    for (ErrorCode candidate : values()) {
      if (candidate.code == code) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public int code() {
    return code;
  }
}
