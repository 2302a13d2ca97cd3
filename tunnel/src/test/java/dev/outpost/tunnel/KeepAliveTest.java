package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An agent whose time the test moves, against a scripted proxy that answers only when told. */
class KeepAliveTest {
  private final ManualScheduler time = new ManualScheduler();
  private RawPeer proxy;
  private TunnelConnection agent;

  @BeforeEach
  void connect() throws IOException {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    proxy = RawPeer.on(pair.left());
    TunnelSettings settings = TunnelSettings.builder().scheduler(time).clock(time.clock()).build();
    agent =
        TunnelConnection.dial(pair.right(), settings, TestPeers.PROVER, StreamAcceptor.REFUSE_ALL);
    proxy.acceptHandshake();
    agent.awaitHandshake(TestPeers.WAIT);
  }

  @Test
  void pingsEveryInterval() {
    time.advance(Duration.ofSeconds(14));
    assertTrue(proxy.nothingReceived());
    time.advance(Duration.ofSeconds(1));
    assertEquals(new Frame.Ping(1), proxy.expect(Frame.Ping.class));
    time.advance(Duration.ofSeconds(15));
    assertEquals(new Frame.Ping(2), proxy.expect(Frame.Ping.class));
  }

  @Test
  void silenceForTheIdleTimeoutEndsTheTunnel() {
    time.advance(Duration.ofSeconds(30));
    assertTrue(agent.isOpen());
    time.advance(Duration.ofSeconds(15));

    assertEquals("keep-alive timeout", agent.closed().join());
    proxy.expect(Frame.Ping.class);
    proxy.expect(Frame.Ping.class);
    assertEquals(ErrorCode.TIMEOUT, proxy.expectGoAway("keep-alive timeout").code());
  }

  @Test
  void anyFrameFromThePeerCountsAsLife() {
    time.advance(Duration.ofSeconds(30));
    proxy.expect(Frame.Ping.class);
    proxy.expect(Frame.Ping.class);
    proxy.assertAlive(); // the agent has now read a frame at 30 s

    time.advance(Duration.ofSeconds(44));
    assertTrue(agent.isOpen(), "74 s since the start, but only 44 s since the last frame");
    time.advance(Duration.ofSeconds(1));
    assertEquals("keep-alive timeout", agent.closed().join());
  }
}
