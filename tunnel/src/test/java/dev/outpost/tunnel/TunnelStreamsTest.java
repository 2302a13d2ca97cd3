package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.ECHO;
import static dev.outpost.tunnel.TestPeers.pattern;
import static dev.outpost.tunnel.TestPeers.readAll;
import static dev.outpost.tunnel.TestPeers.text;
import static dev.outpost.tunnel.TestPeers.writeAndClose;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TunnelStreamsTest {
  private TestPeers peers;

  @AfterEach
  void closePeers() {
    if (peers != null) {
      peers.close();
    }
  }

  @Test
  void anAcceptedStreamCarriesBytesBothWays() throws Exception {
    peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, ECHO);
    TunnelStream stream = peers.proxy.open("ssh?login=root&user=alice");
    writeAndClose(stream.output(), "hello".getBytes(UTF_8));
    assertEquals("hello", text(stream.input()));
    assertEquals("ssh?login=root&user=alice", stream.target());
  }

  @Test
  void bytesSurviveATransportThatReusesItsInboundBuffers() throws Exception {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy =
        TunnelConnection.accept(
            reusingInbound(pair.left()), TunnelSettings.defaults(), TestPeers.VERIFIER,
            StreamAcceptor.REFUSE_ALL);
    TunnelConnection agent =
        TunnelConnection.dial(
            reusingInbound(pair.right()), TunnelSettings.defaults(), TestPeers.PROVER, ECHO);
    peers = new TestPeers(proxy.awaitHandshake(TestPeers.WAIT), agent.awaitHandshake(TestPeers.WAIT));
    TunnelStream stream = peers.proxy.open("echo");
    byte[] sent = pattern(3 * 1024 * 1024, 11);
    CompletableFuture<Void> writing =
        CompletableFuture.runAsync(() -> writeQuietly(stream, sent));

    assertArrayEquals(sent, readAll(stream), "echoed while every inbound buffer was overwritten");
    writing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aStreamCanBeOpenedFromTheHandshakeCallback() throws Exception {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection.accept(pair.left(), TunnelSettings.defaults(), TestPeers.VERIFIER, ECHO);
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(), TunnelSettings.defaults(), TestPeers.PROVER, StreamAcceptor.REFUSE_ALL);
    CompletableFuture<TunnelStream> opened =
        agent.handshake().thenApply(tunnel -> openQuietly(tunnel, "echo")); // blocks in a callback
    assertEquals("echo", opened.get(10, TimeUnit.SECONDS).target());
    agent.close();
  }

  @Test
  void theDialerOpensOddIdsAndTheAcceptorEvenOnes() throws Exception {
    peers = TestPeers.connect(ECHO, ECHO);
    assertEquals(1, peers.agent.open("a").id());
    assertEquals(3, peers.agent.open("b").id());
    assertEquals(2, peers.proxy.open("c").id());
    assertEquals(4, peers.proxy.open("d").id());
  }

  @Test
  void theAcceptorSeesTheTargetAndServesOnAStreamThread() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    peers =
        TestPeers.connect(
            StreamAcceptor.REFUSE_ALL,
            target -> stream -> seen.complete(target + " on " + Thread.currentThread().getName()));
    peers.proxy.open("ssh?login=root");
    String served = seen.get(10, TimeUnit.SECONDS);
    assertTrue(served.startsWith("ssh?login=root on tunnel-stream-"), served);
  }

  @Test
  void aRefusalReachesTheOpenerWithItsReason() throws Exception {
    peers =
        TestPeers.connect(
            target -> {
              throw new StreamRefusedException("access denied to root@node-2");
            },
            StreamAcceptor.REFUSE_ALL);
    StreamRefusedException refused =
        assertThrows(StreamRefusedException.class, () -> peers.agent.open("ssh:root@node-2:22"));
    assertEquals("access denied to root@node-2", refused.getMessage());
    assertTrue(peers.agent.isOpen(), "a refusal ends only the stream");
  }

  @Test
  void aSideWithoutAcceptorRefusesEverything() throws Exception {
    peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, StreamAcceptor.REFUSE_ALL);
    StreamRefusedException refused =
        assertThrows(StreamRefusedException.class, () -> peers.proxy.open("ssh"));
    assertEquals("this peer accepts no streams", refused.getMessage());
  }

  @Test
  void aHalfClosedStreamStillCarriesTheAnswer() throws Exception {
    peers =
        TestPeers.connect(
            StreamAcceptor.REFUSE_ALL,
            target ->
                stream -> {
                  byte[] request = readAll(stream); // up to the peer's half-close
                  stream.output().write(("got " + request.length + " bytes").getBytes(UTF_8));
                });
    TunnelStream stream = peers.proxy.open("count");
    writeAndClose(stream.output(), new byte[1000]);
    assertEquals("got 1000 bytes", text(stream.input()));
  }

  @Test
  void aResetReachesThePeerWithItsReason() throws Exception {
    peers =
        TestPeers.connect(
            StreamAcceptor.REFUSE_ALL, target -> stream -> stream.reset("sshd is not running"));
    TunnelStream stream = peers.proxy.open("ssh");
    StreamRefusedException reset =
        assertThrows(StreamRefusedException.class, () -> stream.input().read());
    assertEquals("sshd is not running", reset.getMessage());
    assertThrows(StreamRefusedException.class, () -> stream.output().write(1));
  }

  @Test
  void aLocalResetFailsLocalUseAndTellsThePeer() throws Exception {
    CompletableFuture<IOException> peerSaw = new CompletableFuture<>();
    peers =
        TestPeers.connect(
            StreamAcceptor.REFUSE_ALL,
            target ->
                stream -> {
                  try {
                    stream.input().read();
                  } catch (IOException e) {
                    peerSaw.complete(e);
                  }
                });
    TunnelStream stream = peers.proxy.open("ssh");
    stream.reset("user went away");

    assertEquals("user went away", peerSaw.get(10, TimeUnit.SECONDS).getMessage());
    IOException local = assertThrows(IOException.class, () -> stream.input().read());
    assertEquals("stream reset: user went away", local.getMessage());
  }

  @Test
  void aFailingHandlerResetsItsStream() throws Exception {
    peers =
        TestPeers.connect(
            StreamAcceptor.REFUSE_ALL,
            target ->
                stream -> {
                  throw new IOException("connect to 127.0.0.1:22 refused");
                });
    TunnelStream stream = peers.proxy.open("ssh");
    IOException reset = assertThrows(IOException.class, () -> stream.input().read());
    assertEquals("stream handler failed: connect to 127.0.0.1:22 refused", reset.getMessage());
  }

  @Test
  void streamsAreReleasedOnceBothDirectionsClose() throws Exception {
    peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, ECHO);
    TunnelStream stream = peers.proxy.open("echo");
    assertEquals(1, peers.proxy.openStreams());
    writeAndClose(stream.output(), new byte[10]);
    readAll(stream);
    stream.close();
    Eventually.await(
        "both sides released the stream",
        () -> peers.proxy.openStreams() == 0 && peers.agent.openStreams() == 0);
  }

  @Test
  void manyStreamsInterleaveIntact() throws Exception {
    peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, ECHO);
    List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] bytes = pattern(3 << 20, i); // more than a window each, so credit must flow back
      TunnelStream stream = peers.proxy.open("echo-" + i);
      sent.add(bytes);
      CompletableFuture.runAsync(() -> write(stream, bytes));
      echoes.add(CompletableFuture.supplyAsync(() -> read(stream)));
    }
    for (int i = 0; i < echoes.size(); i++) {
      assertArrayEquals(sent.get(i), echoes.get(i).get(30, TimeUnit.SECONDS), "stream " + i);
    }
  }

  @Test
  void streamsBeyondTheAcceptorsLimitAreRefused() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TunnelSettings two = TunnelSettings.builder().maxStreams(2).build();
    peers =
        TestPeers.connect(
            TunnelSettings.defaults(),
            StreamAcceptor.REFUSE_ALL,
            two,
            target -> stream -> release.await());
    peers.proxy.open("one");
    peers.proxy.open("two");
    StreamRefusedException refused =
        assertThrows(StreamRefusedException.class, () -> peers.proxy.open("three"));
    assertEquals("too many streams (limit 2)", refused.getMessage());
    release.countDown();
  }

  @Test
  void openingBeyondTheOwnLimitFailsLocally() throws Exception {
    TunnelSettings one = TunnelSettings.builder().maxStreams(1).build();
    peers = TestPeers.connect(one, StreamAcceptor.REFUSE_ALL, TunnelSettings.defaults(), ECHO);
    peers.proxy.open("one");
    IOException refused = assertThrows(IOException.class, () -> peers.proxy.open("two"));
    assertEquals("too many streams on this tunnel (limit 1)", refused.getMessage());
  }

  @Test
  void closingTheTunnelFailsItsStreamsAndTellsThePeer() throws Exception {
    peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, ECHO);
    TunnelStream stream = peers.proxy.open("echo");
    CompletableFuture<Integer> blockedRead = CompletableFuture.supplyAsync(() -> readOne(stream));

    peers.proxy.close("proxy shutting down");

    assertEquals(
        "closed by peer: proxy shutting down", peers.agent.closed().get(10, TimeUnit.SECONDS));
    Exception failed = assertThrows(Exception.class, () -> blockedRead.get(10, TimeUnit.SECONDS));
    assertEquals("tunnel closed: proxy shutting down", failed.getCause().getCause().getMessage());
    IOException afterwards = assertThrows(IOException.class, () -> peers.proxy.open("echo"));
    assertEquals("tunnel closed: proxy shutting down", afterwards.getMessage());
  }

  @Test
  void inputThePeerCompletedSurvivesTheTunnelClosing() throws Exception {
    CountDownLatch answered = new CountDownLatch(1);
    peers =
        TestPeers.connect(
            StreamAcceptor.REFUSE_ALL,
            target ->
                stream -> {
                  writeAndClose(stream.output(), "last words".getBytes(UTF_8));
                  answered.countDown();
                  stream.input().read(); // keep the stream open
                });
    TunnelStream stream = peers.proxy.open("talk");
    answered.await();
    Eventually.await("the answer arrived", () -> available(stream) == 10);
    peers.agent.close("agent stopping");
    peers.proxy.closed().get(10, TimeUnit.SECONDS);
    assertEquals("last words", text(stream.input()));
  }

  private static int available(TunnelStream stream) {
    try {
      return stream.input().available();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void write(TunnelStream stream, byte[] bytes) {
    try {
      writeAndClose(stream.output(), bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] read(TunnelStream stream) {
    try {
      return readAll(stream);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static TunnelStream openQuietly(TunnelConnection tunnel, String target) {
    try {
      return tunnel.open(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int readOne(TunnelStream stream) {
    try {
      return stream.input().read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Overwrites each inbound buffer once its sink returns, as a client that reads every message into
   * one buffer of its own does; it does not hand its frames over, so the connection must copy.
   */
  private static FrameTransport reusingInbound(InMemoryTransport transport) {
    return new ForwardingTransport(transport) {
      @Override
      void delivered(ByteBuffer frame) {
        Arrays.fill(frame.array(), (byte) 0x5A);
      }

      @Override
      public boolean handsOverFrames() {
        return false;
      }
    };
  }

  private static void writeQuietly(TunnelStream stream, byte[] bytes) {
    try {
      writeAndClose(stream.output(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
