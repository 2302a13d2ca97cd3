package dev.outpost.tunnel.frame;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One tunnel frame. Records check their fields on construction, so a frame that exists can be
 * encoded; the {@link FrameCodec} maps them to and from the wire.
 *
 * <p>Byte payloads are held as read-only {@link ByteBuffer} views (equal by content); their
 * accessors return a fresh duplicate so that reading one never disturbs another reader. A decoded
 * DATA payload is a view into the received message and valid only as long as that message is.
 */
public sealed interface Frame permits Frame.ConnectionFrame, Frame.StreamFrame {

  FrameType type();

  /** 0 for connection-level frames. */
  int streamId();

  /** A frame about the whole connection, on stream 0. */
  sealed interface ConnectionFrame extends Frame
      permits Hello, Auth, AuthOk, Resume, Ping, Pong, GoAway {
    @Override
    default int streamId() {
      return 0;
    }
  }

  /** A frame about one stream. */
  sealed interface StreamFrame extends Frame permits Open, OpenOk, Data, Window, Close, Reset {}

  /**
   * Opens the handshake: what this side speaks and accepts.
   *
   * @param version protocol version (u16)
   * @param maxPayload the largest payload this side accepts
   * @param initialWindow the credit this side grants the peer on every new stream
   * @param nonce the accepting side's challenge (32 random bytes); empty from the dialing side
   * @param resumable whether this side offers to resume streams after a lost connection (the
   *     RESUMABLE header flag); both must, for a connection to be resumable
   */
  record Hello(
      int version, int maxPayload, int initialWindow, ByteBuffer nonce, boolean resumable)
      implements ConnectionFrame {
    public Hello {
      Checks.range("version", version, 0, 0xFFFF);
      Checks.range(
          "max payload", maxPayload, FrameLimits.MIN_MAX_PAYLOAD, FrameLimits.MAX_PAYLOAD_CAP);
      Checks.range("initial window", initialWindow, 1, FrameLimits.MAX_31_BIT);
      nonce = Checks.bytes("nonce", nonce, 0, FrameLimits.MAX_NONCE);
    }

    /** A HELLO that does not offer resumption. */
    public Hello(int version, int maxPayload, int initialWindow, ByteBuffer nonce) {
      this(version, maxPayload, initialWindow, nonce, false);
    }

    @Override
    public ByteBuffer nonce() {
      return nonce.duplicate();
    }

    @Override
    public FrameType type() {
      return FrameType.HELLO;
    }
  }

  /** The dialing side's opaque credential, made from the accepting side's nonce. */
  record Auth(ByteBuffer credential) implements ConnectionFrame {
    public Auth {
      credential = Checks.bytes("credential", credential, 1, FrameLimits.MAX_CREDENTIAL);
    }

    @Override
    public ByteBuffer credential() {
      return credential.duplicate();
    }

    @Override
    public FrameType type() {
      return FrameType.AUTH;
    }
  }

  /**
   * The accepting side confirms the credential; {@code identity} is who the dialer proved to be.
   */
  record AuthOk(String identity) implements ConnectionFrame {
    public AuthOk {
      Checks.text("identity", identity, 1, FrameLimits.MAX_IDENTITY);
    }

    @Override
    public FrameType type() {
      return FrameType.AUTH_OK;
    }
  }

  /**
   * The first frame after AUTH_OK on a resumable connection, once from each side: which earlier
   * connection's streams to carry on, and how far this side received each of them.
   *
   * @param session the session the streams belong to (16 bytes); all zero from a dialer that has
   *     none yet. The accepting side answers with the session in force, a new one if it did not
   *     know (or no longer keeps) the one named.
   * @param streams one point per stream to resume, at most {@link FrameLimits#MAX_RESUMED_STREAMS}
   */
  record Resume(ByteBuffer session, List<ResumePoint> streams) implements ConnectionFrame {
    public Resume {
      session =
          Checks.bytes("session", session, FrameLimits.SESSION_LENGTH, FrameLimits.SESSION_LENGTH);
      streams = List.copyOf(streams);
      Checks.range("resumed streams", streams.size(), 0, FrameLimits.MAX_RESUMED_STREAMS);
    }

    @Override
    public ByteBuffer session() {
      return session.duplicate();
    }

    @Override
    public FrameType type() {
      return FrameType.RESUME;
    }
  }

  /**
   * How far the sender of a RESUME got receiving one stream.
   *
   * @param received bytes of DATA it received on the stream, from the start of the stream
   * @param credited bytes it has credited back with WINDOW (sent or lost); never above received
   * @param ended whether it received the peer's CLOSE
   */
  record ResumePoint(int streamId, long received, long credited, boolean ended) {
    public ResumePoint {
      Checks.streamId(streamId);
      Checks.offset("received offset", received);
      Checks.offset("credited offset", credited);
      if (credited > received) {
        throw new IllegalArgumentException(
            "credited offset " + credited + " exceeds received offset " + received
                + " on stream " + streamId);
      }
    }
  }

  /** Asks the peer to open a stream to {@code target}. */
  record Open(int streamId, String target) implements StreamFrame {
    public Open {
      Checks.streamId(streamId);
      Checks.text("target", target, 1, FrameLimits.MAX_TARGET);
    }

    @Override
    public FrameType type() {
      return FrameType.OPEN;
    }
  }

  /**
   * The peer accepted the stream; {@code accepted} says what it accepted it as, for the few
   * targets that ask (an end-to-end resumable stream learns its key), and is empty otherwise.
   */
  record OpenOk(int streamId, String accepted) implements StreamFrame {
    public OpenOk {
      Checks.streamId(streamId);
      Checks.text("accepted", accepted, 0, FrameLimits.MAX_TARGET);
    }

    public OpenOk(int streamId) {
      this(streamId, "");
    }

    @Override
    public FrameType type() {
      return FrameType.OPEN_OK;
    }
  }

  /**
   * Stream bytes; never more than the receiver's window allows. The payload is a view of the bytes
   * given, not a copy: a decoded one is a view of its message, with the frame's header still in
   * front, so that a relay can send it on as it came ({@link FrameCodec#wrapData}).
   */
  record Data(int streamId, ByteBuffer payload) implements StreamFrame {
    public Data {
      Checks.streamId(streamId);
      payload = Checks.view("payload", payload, 1, FrameLimits.MAX_PAYLOAD_CAP);
    }

    @Override
    public ByteBuffer payload() {
      return payload.duplicate();
    }

    /** Payload size without duplicating the buffer. */
    public int length() {
      return payload.remaining();
    }

    @Override
    public FrameType type() {
      return FrameType.DATA;
    }
  }

  /** Grants the peer {@code increment} more bytes of DATA on the stream. */
  record Window(int streamId, int increment) implements StreamFrame {
    public Window {
      Checks.streamId(streamId);
      Checks.range("window increment", increment, 1, FrameLimits.MAX_31_BIT);
    }

    @Override
    public FrameType type() {
      return FrameType.WINDOW;
    }
  }

  /** The sender will send no more DATA on the stream (half-close). */
  record Close(int streamId) implements StreamFrame {
    public Close {
      Checks.streamId(streamId);
    }

    @Override
    public FrameType type() {
      return FrameType.CLOSE;
    }
  }

  /** Aborts the stream in both directions; a reason longer than the limit is cut. */
  record Reset(int streamId, ErrorCode code, String reason) implements StreamFrame {
    public Reset {
      Checks.streamId(streamId);
      Objects.requireNonNull(code, "code");
      reason = Utf8.truncate(Objects.requireNonNull(reason, "reason"), FrameLimits.MAX_REASON);
    }

    @Override
    public FrameType type() {
      return FrameType.RESET;
    }
  }

  /** Liveness probe; the peer answers with a PONG carrying the same value. */
  record Ping(long payload) implements ConnectionFrame {
    @Override
    public FrameType type() {
      return FrameType.PING;
    }
  }

  /** Answer to a PING. */
  record Pong(long payload) implements ConnectionFrame {
    @Override
    public FrameType type() {
      return FrameType.PONG;
    }
  }

  /** The sender closes the connection; a reason longer than the limit is cut. */
  record GoAway(ErrorCode code, String reason) implements ConnectionFrame {
    public GoAway {
      Objects.requireNonNull(code, "code");
      reason = Utf8.truncate(Objects.requireNonNull(reason, "reason"), FrameLimits.MAX_REASON);
    }

    @Override
    public FrameType type() {
      return FrameType.GOAWAY;
    }
  }
}
