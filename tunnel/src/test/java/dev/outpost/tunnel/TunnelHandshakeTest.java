package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.FrameCodec;
import static dev.outpost.tunnel.TestPeers.PROVER;
import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TunnelHandshakeTest {
  private final InMemoryTransport.Pair pair = InMemoryTransport.pair();

  @Test
  void establishesWithIdentitiesOnBothSides() throws IOException {
    try (TestPeers peers =
        TestPeers.connect(StreamAcceptor.REFUSE_ALL, StreamAcceptor.REFUSE_ALL)) {
      assertEquals(TestPeers.AGENT, peers.proxy.peerIdentity());
      assertEquals(TestPeers.AGENT, peers.agent.authenticatedAs());
      assertEquals("", peers.agent.peerIdentity());
      assertTrue(peers.proxy.isOpen());
      assertTrue(peers.agent.isOpen());
    }
  }

  @Test
  void provesTheNonceFromTheInjectedRandom() throws IOException {
    byte[] nonce = new byte[32];
    Arrays.fill(nonce, (byte) 7);
    AtomicReference<byte[]> proved = new AtomicReference<>();
    TunnelSettings proxySettings =
        TunnelSettings.builder().random(new FixedRandom((byte) 7)).build();
    TunnelConnection proxy =
        TunnelConnection.accept(pair.left(), proxySettings, VERIFIER, StreamAcceptor.REFUSE_ALL);
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(),
            TunnelSettings.defaults(),
            n -> {
              proved.set(n);
              return PROVER.prove(n);
            },
            StreamAcceptor.REFUSE_ALL);
    agent.awaitHandshake(WAIT);
    proxy.awaitHandshake(WAIT);
    assertArrayEquals(nonce, proved.get());
  }

  @Test
  void aRejectedCredentialSendsTheVerifiersReason() {
    TunnelConnection proxy =
        TunnelConnection.accept(
            pair.left(),
            TunnelSettings.defaults(),
            (nonce, credential) -> {
              throw new SecurityException("certificate expired at 2030-01-01T00:00:00Z");
            },
            StreamAcceptor.REFUSE_ALL);
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(), TunnelSettings.defaults(), PROVER, StreamAcceptor.REFUSE_ALL);

    IOException refused = assertThrows(IOException.class, () -> agent.awaitHandshake(WAIT));
    assertEquals(
        "closed by peer: certificate expired at 2030-01-01T00:00:00Z", refused.getMessage());
    assertEquals("certificate expired at 2030-01-01T00:00:00Z", proxy.closed().join());
    assertFalse(proxy.isOpen());
  }

  @Test
  void aWrongCredentialIsRejected() {
    TunnelConnection.accept(
        pair.left(), TunnelSettings.defaults(), VERIFIER, StreamAcceptor.REFUSE_ALL);
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(),
            TunnelSettings.defaults(),
            nonce -> new byte[] {1},
            StreamAcceptor.REFUSE_ALL);

    IOException refused = assertThrows(IOException.class, () -> agent.awaitHandshake(WAIT));
    assertEquals("closed by peer: bad credential", refused.getMessage());
  }

  @Test
  void aProverFailureEndsTheHandshakeWithItsReason() {
    TunnelConnection proxy =
        TunnelConnection.accept(
            pair.left(), TunnelSettings.defaults(), VERIFIER, StreamAcceptor.REFUSE_ALL);
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(),
            TunnelSettings.defaults(),
            nonce -> {
              throw new IOException("host key unreadable");
            },
            StreamAcceptor.REFUSE_ALL);

    IOException failed = assertThrows(IOException.class, () -> agent.awaitHandshake(WAIT));
    assertEquals("cannot prove identity: host key unreadable", failed.getMessage());
    assertEquals(
        "closed by peer: cannot prove identity: host key unreadable", proxy.closed().join());
  }

  @Test
  void theDialerRefusesAnotherProtocolVersion() {
    RawPeer proxy = RawPeer.on(pair.left());
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(), TunnelSettings.defaults(), PROVER, StreamAcceptor.REFUSE_ALL);
    proxy.send(RawPeer.hello(1, new byte[32]));

    Frame.GoAway goAway = proxy.expectGoAway("unsupported protocol version 1 (this side speaks 2)");
    assertEquals(ErrorCode.UNSUPPORTED_VERSION, goAway.code());
    IOException failed = assertThrows(IOException.class, () -> agent.awaitHandshake(WAIT));
    assertEquals("unsupported protocol version 1 (this side speaks 2)", failed.getMessage());
  }

  @Test
  void theAcceptorRefusesAnotherProtocolVersion() {
    TunnelConnection proxy =
        TunnelConnection.accept(
            pair.left(), TunnelSettings.defaults(), VERIFIER, StreamAcceptor.REFUSE_ALL);
    RawPeer agent = RawPeer.on(pair.right());
    agent.expect(Frame.Hello.class);
    agent.send(RawPeer.hello(9, new byte[0]));

    assertEquals(
        ErrorCode.UNSUPPORTED_VERSION,
        agent.expectGoAway("unsupported protocol version 9 (this side speaks 2)").code());
    assertEquals(
        "unsupported protocol version 9 (this side speaks 2)",
        closedReasonOf(agent),
        "the transport closes after the GOAWAY");
    assertFalse(proxy.isOpen());
  }

  @Test
  void streamFramesBeforeTheHandshakeEndTheConnection() {
    TunnelConnection.accept(
        pair.left(), TunnelSettings.defaults(), VERIFIER, StreamAcceptor.REFUSE_ALL);
    RawPeer agent = RawPeer.on(pair.right());
    agent.expect(Frame.Hello.class);
    agent.send(new Frame.Open(1, "ssh:root@node-1:22"));

    assertEquals(
        ErrorCode.PROTOCOL,
        agent.expectGoAway("expected HELLO during the handshake, got OPEN").code());
  }

  @Test
  void framesWhileTheCredentialIsCheckedEndTheConnection() {
    TunnelConnection.accept(
        pair.left(),
        TunnelSettings.defaults(),
        (nonce, credential) -> {
          Thread.sleep(50); // long enough for the next frame to arrive first
          return "slow";
        },
        StreamAcceptor.REFUSE_ALL);
    RawPeer agent = RawPeer.on(pair.right());
    agent.expect(Frame.Hello.class);
    agent.send(RawPeer.hello(FrameCodec.PROTOCOL_VERSION, new byte[0]));
    agent.send(new Frame.Auth(ByteBuffer.wrap(new byte[] {1})));
    agent.send(new Frame.Open(1, "ssh:root@node-1:22"));

    agent.expectGoAway("OPEN before AUTH_OK");
  }

  @Test
  void aSilentPeerTimesOutTheHandshake() {
    ManualScheduler time = new ManualScheduler();
    TunnelSettings settings = TunnelSettings.builder().scheduler(time).clock(time.clock()).build();
    TunnelConnection proxy =
        TunnelConnection.accept(pair.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL);
    RawPeer agent = RawPeer.on(pair.right());
    agent.expect(Frame.Hello.class);

    time.advance(TunnelSettings.DEFAULT_HANDSHAKE_TIMEOUT);

    assertEquals(ErrorCode.TIMEOUT, agent.expectGoAway("handshake timeout").code());
    IOException failed = assertThrows(IOException.class, () -> proxy.awaitHandshake(WAIT));
    assertEquals("handshake timeout", failed.getMessage());
  }

  @Test
  void awaitingTooBrieflyClosesTheConnection() {
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(), TunnelSettings.defaults(), PROVER, StreamAcceptor.REFUSE_ALL);
    IOException failed =
        assertThrows(IOException.class, () -> agent.awaitHandshake(Duration.ofMillis(1)));
    assertEquals("tunnel handshake did not complete within PT0.001S", failed.getMessage());
    assertEquals("handshake timeout", agent.closed().join());
  }

  @Test
  void opensWaitForTheHandshake() {
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(), TunnelSettings.defaults(), PROVER, StreamAcceptor.REFUSE_ALL);
    IOException refused = assertThrows(IOException.class, () -> agent.open("ssh:root@node-1:22"));
    assertEquals("tunnel handshake not complete", refused.getMessage());
  }

  private static String closedReasonOf(RawPeer peer) {
    return peer.closed.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  /** A "random" source that always yields the same byte, so the nonce is known. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte value;

    FixedRandom(byte value) {
      this.value = value;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      Arrays.fill(bytes, value);
    }
  }
}
