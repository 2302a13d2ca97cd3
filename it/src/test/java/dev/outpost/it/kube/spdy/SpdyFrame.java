package dev.outpost.it.kube.spdy;

import java.util.Map;

/**
 * The SPDY/3.1 frames a port-forward exchanges. Header blocks are kept as decoded pairs, names
 * lower case as SPDY sends them; a value holding several values separates them with NUL.
 */
public sealed interface SpdyFrame {
  /** The stream's last frame from this side, on DATA, SYN_STREAM, SYN_REPLY and HEADERS. */
  int FLAG_FIN = 0x01;

  /** Bytes on stream {@code streamId}; {@code fin} ends the sender's side of it. */
  record Data(int streamId, boolean fin, byte[] data) implements SpdyFrame {}

  /** Opens stream {@code streamId}; {@code priority} 0 (highest) to 7. */
  record SynStream(int streamId, int associatedId, int priority, boolean fin,
      Map<String, String> headers) implements SpdyFrame {}

  /** Accepts stream {@code streamId}. */
  record SynReply(int streamId, boolean fin, Map<String, String> headers) implements SpdyFrame {}

  /** More headers for stream {@code streamId}. */
  record Headers(int streamId, boolean fin, Map<String, String> headers) implements SpdyFrame {}

  /** Ends stream {@code streamId} abnormally; {@code status} e.g. 1 PROTOCOL_ERROR, 5 CANCEL. */
  record RstStream(int streamId, int status) implements SpdyFrame {}

  /** Settings by id (e.g. 7 INITIAL_WINDOW_SIZE); the per-entry flags are not kept. */
  record Settings(Map<Integer, Integer> values) implements SpdyFrame {}

  /** A ping, answered by sending the same id back. */
  record Ping(int id) implements SpdyFrame {}

  /** The sender ends the session; streams above {@code lastGoodStreamId} were not processed. */
  record GoAway(int lastGoodStreamId, int status) implements SpdyFrame {}

  /** The receiver of stream {@code streamId} (0: the session) may take {@code delta} more bytes. */
  record WindowUpdate(int streamId, int delta) implements SpdyFrame {}
}
