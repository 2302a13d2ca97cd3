package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameException;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test peer that speaks raw frames, to play the hostile or scripted side of a tunnel. */
final class RawPeer implements FrameTransport.FrameSink {
  static final int WINDOW = 64 * 1024;

  private final FrameCodec codec = new FrameCodec(FrameLimits.MAX_PAYLOAD_CAP);
  private final InMemoryTransport transport;
  private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();

  private RawPeer(InMemoryTransport transport) {
    this.transport = transport;
  }

  static RawPeer on(InMemoryTransport transport) {
    RawPeer peer = new RawPeer(transport);
    transport.start(peer);
    return peer;
  }

  static Frame.Hello hello(int version, byte[] nonce) {
    return new Frame.Hello(
        version, FrameLimits.DEFAULT_MAX_PAYLOAD, WINDOW, ByteBuffer.wrap(nonce));
  }

  /** Plays the dialing side's handshake against a real accepting side. */
  void dialHandshake() {
    ByteBuffer nonce = expect(Frame.Hello.class).nonce();
    byte[] challenge = new byte[nonce.remaining()];
    nonce.get(challenge);
    send(hello(FrameCodec.PROTOCOL_VERSION, new byte[0]));
    send(new Frame.Auth(ByteBuffer.wrap(TestPeers.credentialFor(challenge))));
    expect(Frame.AuthOk.class);
  }

  /** Plays the accepting side's handshake against a real dialing side. */
  void acceptHandshake() {
    send(hello(FrameCodec.PROTOCOL_VERSION, new byte[32]));
    expect(Frame.Hello.class);
    expect(Frame.Auth.class);
    send(new Frame.AuthOk("agent"));
  }

  void send(Frame frame) {
    sendRaw(codec.encode(frame));
  }

  void sendRaw(ByteBuffer message) {
    try {
      transport.send(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Frame next() {
    try {
      Frame frame = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(frame, "no frame received within 10 s");
      return frame;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next frame, or null if none arrives within {@code timeout}. */
  Frame poll(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  <T extends Frame> T expect(Class<T> type) {
    return assertInstanceOf(type, next());
  }

  /** Skips WINDOW frames, which the real side sends whenever its reader has consumed enough. */
  <T extends Frame> T expectIgnoringCredit(Class<T> type) {
    Frame frame = next();
    while (frame instanceof Frame.Window && type != Frame.Window.class) {
      frame = next();
    }
    return assertInstanceOf(type, frame);
  }

  Frame.GoAway expectGoAway(String reason) {
    Frame.GoAway goAway = expectIgnoringCredit(Frame.GoAway.class);
    assertEquals(reason, goAway.reason());
    return goAway;
  }

  /** Proves the real side still serves the connection. */
  void assertAlive() {
    send(new Frame.Ping(77));
    assertEquals(new Frame.Pong(77), expectIgnoringCredit(Frame.Pong.class));
  }

  boolean nothingReceived() {
    return received.isEmpty();
  }

  @Override
  public void onFrame(ByteBuffer message) {
    try {
      received.add(codec.decode(message));
    } catch (FrameException e) {
      throw new AssertionError("the real side sent a malformed frame", e);
    }
  }

  @Override
  public void onClosed(String reason) {
    closed.complete(reason);
  }
}
