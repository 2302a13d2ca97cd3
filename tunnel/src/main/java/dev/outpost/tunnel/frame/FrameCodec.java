package dev.outpost.tunnel.frame;

import dev.outpost.tunnel.frame.Frame.Auth;
import dev.outpost.tunnel.frame.Frame.AuthOk;
import dev.outpost.tunnel.frame.Frame.Close;
import dev.outpost.tunnel.frame.Frame.Data;
import dev.outpost.tunnel.frame.Frame.GoAway;
import dev.outpost.tunnel.frame.Frame.Hello;
import dev.outpost.tunnel.frame.Frame.Open;
import dev.outpost.tunnel.frame.Frame.OpenOk;
import dev.outpost.tunnel.frame.Frame.Ping;
import dev.outpost.tunnel.frame.Frame.Pong;
import dev.outpost.tunnel.frame.Frame.Reset;
import dev.outpost.tunnel.frame.Frame.Resume;
import dev.outpost.tunnel.frame.Frame.ResumePoint;
import dev.outpost.tunnel.frame.Frame.Window;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps frames to and from binary messages. Wire layout (big-endian):
 *
 * <pre>
 *   type u8 | flags u8 | stream id u32 | payload length u32 | payload
 * </pre>
 *
 * Flags are reserved (0) except RESUMABLE (0x01) on HELLO. Payloads: HELLO = magic u32 "OTUN",
 * version u16, max payload u32, initial window u32, nonce; AUTH = credential; AUTH_OK = identity;
 * RESUME = session 16 bytes, count u16, count × (stream u32, received u64, credited u64, ended
 * u8); OPEN = target; DATA = bytes; WINDOW = increment u32; OPEN_OK = what the
 * stream was accepted as (usually empty); RESET and GOAWAY = error code u16, reason; PING and
 * PONG = u64; CLOSE = empty. Strings are
 * UTF-8. The HELLO layout is frozen so that any version can read another's version.
 *
 * <p>Decoding never copies a DATA payload: the frame holds a view into the message, its header in
 * front. Encoding DATA copies the payload once, into a fresh message; a received payload is sent
 * on without a copy by writing the new header over the old ({@link #wrapData}). Thread-safe.
 */
public final class FrameCodec {

  /** Version 2 added the RESUMABLE flag and the RESUME frame (docs/tunnel.md). */
  public static final int PROTOCOL_VERSION = 2;

  /** "OTUN": tells a tunnel peer from anything else that speaks WebSocket. */
  static final int HELLO_MAGIC = 0x4F54554E;

  private static final int HELLO_FIXED_LENGTH = 14;
  private static final int RESUME_POINT_LENGTH = Integer.BYTES + 2 * Long.BYTES + 1;

  private final int maxPayload;

  /** A codec that accepts payloads up to {@code maxPayload} bytes when decoding. */
  public FrameCodec(int maxPayload) {
    this.maxPayload =
        Checks.range(
            "max payload", maxPayload, FrameLimits.MIN_MAX_PAYLOAD, FrameLimits.MAX_PAYLOAD_CAP);
  }

  /**
   * The length of the whole message that starts with {@code start}, as its header announces it;
   * 0 while the header is incomplete. Only a size hint for whoever gathers the message: {@link
   * #decode} checks the real one.
   */
  public static int messageLength(ByteBuffer start) {
    if (start.remaining() < FrameLimits.HEADER_LENGTH) {
      return 0;
    }
    long payload = Integer.toUnsignedLong(start.getInt(start.position() + FrameLimits.HEADER_LENGTH - Integer.BYTES));
    return (int) Math.min(Integer.MAX_VALUE, FrameLimits.HEADER_LENGTH + payload);
  }

  /** One binary message holding {@code frame}, ready to send (position 0). */
  public ByteBuffer encode(Frame frame) {
    ByteBuffer payload = payloadOf(frame);
    return message(frame.type(), flagsOf(frame), frame.streamId(), payload.remaining())
        .put(payload)
        .flip();
  }

  /**
   * One DATA message for {@code streamId} holding a copy of the remaining bytes of {@code
   * payload} (1 up to {@link FrameLimits#MAX_PAYLOAD_CAP}), like {@link #encode} of that frame
   * without building it: the one copy of an outgoing byte before the network.
   */
  public static ByteBuffer encodeData(int streamId, ByteBuffer payload) {
    Checks.streamId(streamId);
    Checks.range("payload length", payload.remaining(), 1, FrameLimits.MAX_PAYLOAD_CAP);
    return message(FrameType.DATA, 0, streamId, payload.remaining())
        .put(payload.duplicate())
        .flip();
  }

  /**
   * One DATA message for {@code streamId} made of the remaining bytes of {@code payload} (1 up to
   * {@link FrameLimits#MAX_PAYLOAD_CAP}) and the header, written over the {@link
   * FrameLimits#HEADER_LENGTH} bytes in front of them in the same buffer: no copy. A decoded DATA
   * payload has its own header there, so a relay sends what it received on, on another stream, as
   * it came. The bytes in front must be the caller's to overwrite; where there are not enough, or
   * the buffer is read-only, the payload is copied as by {@link #encodeData}.
   */
  public static ByteBuffer wrapData(int streamId, ByteBuffer payload) {
    int start = payload.position() - FrameLimits.HEADER_LENGTH;
    if (start < 0 || payload.isReadOnly()) {
      return encodeData(streamId, payload);
    }
    Checks.streamId(streamId);
    int length = Checks.range("payload length", payload.remaining(), 1, FrameLimits.MAX_PAYLOAD_CAP);
    ByteBuffer message = payload.slice(start, FrameLimits.HEADER_LENGTH + length);
    return header(message, FrameType.DATA, 0, streamId, length).position(0);
  }

  /** A fresh message with its header written, positioned at the start of its payload. */
  private static ByteBuffer message(FrameType type, int flags, int streamId, int payloadLength) {
    return header(
        ByteBuffer.allocate(FrameLimits.HEADER_LENGTH + payloadLength),
        type, flags, streamId, payloadLength);
  }

  private static ByteBuffer header(
      ByteBuffer into, FrameType type, int flags, int streamId, int payloadLength) {
    return into.put((byte) type.code())
        .put((byte) flags)
        .putInt(streamId)
        .putInt(payloadLength);
  }

  /**
   * One DATA message for {@code streamId} carrying, in order, the payloads of {@code dataMessages},
   * each a DATA message of that stream as {@link #encode} made it (position 0).
   */
  public ByteBuffer joinData(int streamId, List<ByteBuffer> dataMessages) {
    int payload = 0;
    for (ByteBuffer part : dataMessages) {
      payload += part.remaining() - FrameLimits.HEADER_LENGTH;
    }
    ByteBuffer message = message(FrameType.DATA, 0, streamId, payload);
    for (ByteBuffer part : dataMessages) {
      message.put(part.duplicate().position(FrameLimits.HEADER_LENGTH));
    }
    return message.flip();
  }

  /**
   * Reads one frame from the remaining bytes of {@code message}, which must hold exactly one frame.
   * Does not move the buffer's position.
   *
   * @throws FrameException saying precisely what is malformed
   */
  public Frame decode(ByteBuffer message) throws FrameException {
    ByteBuffer in = message.slice();
    if (in.remaining() < FrameLimits.HEADER_LENGTH) {
      throw new FrameException(
          "truncated header: " + in.remaining() + " of " + FrameLimits.HEADER_LENGTH + " bytes");
    }
    int code = Byte.toUnsignedInt(in.get());
    FrameType type =
        FrameType.fromCode(code)
            .orElseThrow(
                () -> new FrameException(String.format("unknown frame type 0x%02X", code)));
    int flags = Byte.toUnsignedInt(in.get());
    int streamId = in.getInt();
    long length = Integer.toUnsignedLong(in.getInt());
    PayloadReader reader = new PayloadReader(type, in); // DATA keeps the header in front
    checkHeader(reader, type, flags, streamId, length, in.remaining());
    try {
      Frame frame =
          type == FrameType.HELLO
              ? hello(reader, flags == FrameLimits.FLAG_RESUMABLE)
              : decodePayload(type, streamId, reader);
      reader.requireEnd();
      return frame;
    } catch (IllegalArgumentException e) {
      throw reader.error(e.getMessage());
    }
  }

  private void checkHeader(
      PayloadReader reader, FrameType type, int flags, int streamId, long length, int present)
      throws FrameException {
    if (flags != 0 && !(type == FrameType.HELLO && flags == FrameLimits.FLAG_RESUMABLE)) {
      throw reader.error(String.format("reserved flags 0x%02X set", flags));
    }
    if (length > maxPayload) {
      throw reader.error("payload length " + length + " exceeds the maximum of " + maxPayload);
    }
    if (present < length) {
      throw reader.error(
          "truncated: header declares " + length + " payload bytes, " + present + " present");
    }
    if (present > length) {
      throw reader.error(
          (present - length) + " trailing bytes after the " + length + "-byte payload");
    }
    if (type.connectionLevel() && streamId != 0) {
      throw reader.error("must be on stream 0, got stream " + Integer.toUnsignedString(streamId));
    }
  }

  private static Frame decodePayload(FrameType type, int streamId, PayloadReader in)
      throws FrameException {
    return switch (type) {
      case HELLO -> hello(in, false);
      case AUTH -> new Auth(in.rest());
      case AUTH_OK -> new AuthOk(in.utf8Rest("identity", FrameLimits.MAX_IDENTITY));
      case RESUME -> resume(in);
      case OPEN -> new Open(streamId, in.utf8Rest("target", FrameLimits.MAX_TARGET));
      case OPEN_OK -> new OpenOk(streamId, in.utf8Rest("accepted", FrameLimits.MAX_TARGET));
      case DATA -> new Data(streamId, in.restInPlace());
      case WINDOW -> new Window(streamId, in.u31("window increment"));
      case CLOSE -> new Close(streamId);
      case RESET ->
          new Reset(streamId, in.errorCode(), in.utf8Rest("reason", FrameLimits.MAX_REASON));
      case PING -> new Ping(in.u64("ping payload"));
      case PONG -> new Pong(in.u64("pong payload"));
      case GOAWAY -> new GoAway(in.errorCode(), in.utf8Rest("reason", FrameLimits.MAX_REASON));
    };
  }

  private static Resume resume(PayloadReader in) throws FrameException {
    ByteBuffer session = in.bytes("session", FrameLimits.SESSION_LENGTH);
    int count = in.u16("stream count");
    if (in.remaining() != (long) count * RESUME_POINT_LENGTH) {
      throw in.error(
          count + " streams need " + count * RESUME_POINT_LENGTH + " bytes, "
              + in.remaining() + " present");
    }
    List<ResumePoint> points = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int streamId = in.u32("stream id");
      long received = in.u64("received offset");
      long credited = in.u64("credited offset");
      int ended = in.u8("ended");
      if (ended > 1) {
        throw in.error("ended must be 0 or 1, got " + ended);
      }
      points.add(new ResumePoint(streamId, received, credited, ended == 1));
    }
    return new Resume(session, points);
  }

  private static Hello hello(PayloadReader in, boolean resumable) throws FrameException {
    int magic = in.u32("magic");
    if (magic != HELLO_MAGIC) {
      throw in.error(
          String.format("bad magic 0x%08X, expected 0x%08X (\"OTUN\")", magic, HELLO_MAGIC));
    }
    int version = in.u16("version");
    int maxPayload = in.u31("max payload");
    int initialWindow = in.u31("initial window");
    return new Hello(version, maxPayload, initialWindow, in.rest(), resumable);
  }

  private static ByteBuffer payloadOf(Frame frame) {
    if (frame instanceof Data data) {
      return data.payload();
    }
    if (frame instanceof Hello hello) {
      ByteBuffer nonce = hello.nonce();
      return ByteBuffer.allocate(HELLO_FIXED_LENGTH + nonce.remaining())
          .putInt(HELLO_MAGIC)
          .putShort((short) hello.version())
          .putInt(hello.maxPayload())
          .putInt(hello.initialWindow())
          .put(nonce)
          .flip();
    }
    if (frame instanceof Auth auth) {
      return auth.credential();
    }
    if (frame instanceof AuthOk ok) {
      return utf8(ok.identity());
    }
    if (frame instanceof Resume resume) {
      ByteBuffer out =
          ByteBuffer.allocate(
              FrameLimits.SESSION_LENGTH + Short.BYTES
                  + resume.streams().size() * RESUME_POINT_LENGTH);
      out.put(resume.session()).putShort((short) resume.streams().size());
      for (ResumePoint point : resume.streams()) {
        out.putInt(point.streamId())
            .putLong(point.received())
            .putLong(point.credited())
            .put((byte) (point.ended() ? 1 : 0));
      }
      return out.flip();
    }
    if (frame instanceof Open open) {
      return utf8(open.target());
    }
    if (frame instanceof OpenOk ok) {
      return utf8(ok.accepted());
    }
    if (frame instanceof Window window) {
      return ByteBuffer.allocate(Integer.BYTES).putInt(0, window.increment());
    }
    if (frame instanceof Reset reset) {
      return coded(reset.code(), reset.reason());
    }
    if (frame instanceof GoAway goAway) {
      return coded(goAway.code(), goAway.reason());
    }
    if (frame instanceof Ping ping) {
      return ByteBuffer.allocate(Long.BYTES).putLong(0, ping.payload());
    }
    if (frame instanceof Pong pong) {
      return ByteBuffer.allocate(Long.BYTES).putLong(0, pong.payload());
    }
    return ByteBuffer.allocate(0); // CLOSE
  }

  private static int flagsOf(Frame frame) {
    return frame instanceof Hello hello && hello.resumable() ? FrameLimits.FLAG_RESUMABLE : 0;
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ByteBuffer coded(ErrorCode code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Short.BYTES + text.length)
        .putShort((short) code.code())
        .put(text)
        .flip();
  }
}
