package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.FrameCodec;
import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hostile agent against a real proxy side: each violation ends what it must, and no more. */
class ProtocolViolationTest {
  private RawPeer agent;

  @BeforeEach
  void connect() {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection.accept(
        pair.left(),
        TunnelSettings.defaults(),
        VERIFIER,
        target -> stream -> new CountDownLatch(1).await());
    agent = RawPeer.on(pair.right());
    agent.dialHandshake();
  }

  @Test
  void anIdOfTheWrongParityEndsTheConnection() {
    agent.send(new Frame.Open(2, "x"));
    assertEquals(
        ErrorCode.PROTOCOL,
        agent
            .expectGoAway("OPEN for stream 2 has the wrong parity: the dialing side opens odd ids")
            .code());
  }

  @Test
  void aReusedIdEndsTheConnection() {
    agent.send(new Frame.Open(3, "x"));
    agent.expect(Frame.OpenOk.class);
    agent.send(new Frame.Open(1, "y"));
    agent.expectGoAway("OPEN for stream 1 reuses an id (ids must increase; last was 3)");
  }

  @Test
  void dataForAStreamNeverOpenedEndsTheConnection() {
    agent.send(new Frame.Data(7, ByteBuffer.allocate(1)));
    agent.expectGoAway("DATA for stream 7, which was never opened");
  }

  @Test
  void framesForAFinishedStreamAreDropped() {
    agent.send(new Frame.Open(1, "x"));
    agent.expect(Frame.OpenOk.class);
    agent.send(new Frame.Reset(1, ErrorCode.CANCELLED, "bye"));
    agent.send(new Frame.Data(1, ByteBuffer.allocate(1)));
    agent.send(new Frame.Window(1, 100));
    agent.send(new Frame.Close(1));
    agent.assertAlive();
  }

  @Test
  void dataAfterCloseResetsTheStream() {
    agent.send(new Frame.Open(1, "x"));
    agent.expect(Frame.OpenOk.class);
    agent.send(new Frame.Close(1));
    agent.send(new Frame.Data(1, ByteBuffer.allocate(1)));
    assertEquals(
        new Frame.Reset(1, ErrorCode.PROTOCOL, "DATA after CLOSE on stream 1"),
        agent.expect(Frame.Reset.class));
    agent.assertAlive();
  }

  @Test
  void aSecondCloseResetsTheStream() {
    agent.send(new Frame.Open(1, "x"));
    agent.expect(Frame.OpenOk.class);
    agent.send(new Frame.Close(1));
    agent.send(new Frame.Close(1));
    assertEquals(
        new Frame.Reset(1, ErrorCode.PROTOCOL, "CLOSE received twice on stream 1"),
        agent.expect(Frame.Reset.class));
  }

  @Test
  void anUnexpectedOpenOkResetsTheStream() {
    agent.send(new Frame.Open(1, "x"));
    agent.expect(Frame.OpenOk.class);
    agent.send(new Frame.OpenOk(1));
    assertEquals(
        new Frame.Reset(1, ErrorCode.PROTOCOL, "unexpected OPEN_OK: stream 1 is already open"),
        agent.expect(Frame.Reset.class));
    agent.assertAlive();
  }

  @Test
  void aMalformedFrameEndsTheConnection() {
    agent.sendRaw(ByteBuffer.wrap(new byte[] {0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    agent.expectGoAway("malformed frame: unknown frame type 0x7F");
  }

  @Test
  void aSecondHandshakeEndsTheConnection() {
    agent.send(RawPeer.hello(FrameCodec.PROTOCOL_VERSION, new byte[0]));
    agent.expectGoAway("HELLO after the handshake");
  }

  @Test
  void pingsAreAnswered() {
    agent.send(new Frame.Ping(-5));
    assertEquals(new Frame.Pong(-5), agent.expect(Frame.Pong.class));
  }
}
