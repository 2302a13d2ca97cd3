package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;

/**
 * The peer broke the protocol. A stream-scoped violation resets that stream only; a
 * connection-scoped one (stream id 0) sends the whole connection away.
 */
final class ProtocolViolation extends Exception {
  private static final long serialVersionUID = 1L;

  private final int streamId;
  private final transient ErrorCode code;

  private ProtocolViolation(int streamId, ErrorCode code, String message) {
    super(message, null, false, false); // an expected outcome: no stack trace needed
    this.streamId = streamId;
    this.code = code;
  }

  static ProtocolViolation ofConnection(ErrorCode code, String message) {
    return new ProtocolViolation(0, code, message);
  }

  static ProtocolViolation ofStream(int streamId, ErrorCode code, String message) {
    return new ProtocolViolation(streamId, code, message);
  }

  /** The offending stream, or 0 when the connection as a whole is no longer sane. */
  int streamId() {
    return streamId;
  }

  ErrorCode code() {
    return code;
  }
}
