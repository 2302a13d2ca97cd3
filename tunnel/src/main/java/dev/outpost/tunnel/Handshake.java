package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * One side's part of the handshake (see {@code docs/wire-contracts.md}): HELLO both ways, then AUTH
 * from the dialing side, then AUTH_OK or GOAWAY from the accepting side. It sees every frame until
 * it calls {@link Link#established}; anything out of order is a connection-level violation. Proving
 * and verifying may be slow, so they run on the executor, never on the reader thread.
 */
abstract class Handshake {

  /** What a handshake needs from its connection. */
  interface Link {
    void send(Frame frame);

    /** Switches the connection to streams; {@code replies} are sent before anything else. */
    void established(Established result, List<Frame> replies);

    /** Ends the connection, telling the peer why. */
    void fail(ErrorCode code, String reason);
  }

  protected final Link link;
  protected final TunnelSettings settings;
  private final boolean offerResume;

  Handshake(Link link, TunnelSettings settings, boolean offerResume) {
    this.link = link;
    this.settings = settings;
    this.offerResume = offerResume;
  }

  /** Called once, before any frame arrives. */
  abstract void start();

  /** Called on the reader thread for each frame until the handshake is established. */
  abstract void onFrame(Frame frame) throws ProtocolViolation;

  Frame.Hello ownHello(byte[] nonce) {
    return new Frame.Hello(
        FrameCodec.PROTOCOL_VERSION,
        settings.maxPayload(),
        settings.initialWindow(),
        ByteBuffer.wrap(nonce),
        offerResume);
  }

  void runOffReader(Runnable task) {
    try {
      settings.executor().execute(task);
    } catch (RejectedExecutionException e) {
      link.fail(ErrorCode.INTERNAL, "no thread for the handshake");
    }
  }

  static Frame.Hello expectHello(Frame frame) throws ProtocolViolation {
    Frame.Hello hello = expect(frame, Frame.Hello.class, FrameType.HELLO);
    if (hello.version() != FrameCodec.PROTOCOL_VERSION) {
      throw ProtocolViolation.ofConnection(
          ErrorCode.UNSUPPORTED_VERSION,
          "unsupported protocol version "
              + hello.version()
              + " (this side speaks "
              + FrameCodec.PROTOCOL_VERSION
              + ")");
    }
    return hello;
  }

  static <T extends Frame> T expect(Frame frame, Class<T> type, FrameType expected)
      throws ProtocolViolation {
    if (!type.isInstance(frame)) {
      throw ProtocolViolation.ofConnection(
          ErrorCode.PROTOCOL,
          "expected " + expected + " during the handshake, got " + frame.type());
    }
    return type.cast(frame);
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
