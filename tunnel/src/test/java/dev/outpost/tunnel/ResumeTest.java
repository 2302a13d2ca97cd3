package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.PROVER;
import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.WAIT;
import static dev.outpost.tunnel.TestPeers.pattern;
import static dev.outpost.tunnel.TestPeers.readAtLeast;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Streams of a resumable tunnel survive the loss of its connection. */
class ResumeTest {
  private static final int WINDOW = 64 * 1024;
  private static final int PAYLOAD = 3 * 1024 * 1024;

  private final List<String> ended = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final SessionRegistry.Listener listener =
      new SessionRegistry.Listener() {
        @Override
        public void ended(StreamSession session, String reason) {
          ended.add(session.owner() + ": " + reason);
        }

        @Override
        public void refused(String claimant, String owner, String sessionId) {
          refused.add(claimant + " claimed " + owner);
        }
      };

  private TunnelSettings settings = TunnelSettings.builder().initialWindow(WINDOW).build();
  private final SessionRegistry registry = new SessionRegistry(settings, listener);
  private final StreamSession agentSession = StreamSession.dialing(settings);

  /** What the agent's stream handler saw and sent, to compare once the stream is done. */
  private final CompletableFuture<byte[]> agentReceived = new CompletableFuture<>();

  private final StreamAcceptor sendPatternAndCollect =
      target ->
          stream -> {
            CompletableFuture<Void> sent =
                CompletableFuture.runAsync(
                    () -> {
                      try {
                        TestPeers.writeAndClose(stream.output(), pattern(PAYLOAD, 7));
                      } catch (IOException e) {
                        throw new RuntimeException(e);
                      }
                    });
            agentReceived.complete(stream.input().readAllBytes());
            sent.join();
          };

  @Test
  void aStreamCutMidTransferResumesByteExactInBothDirections() throws Exception {
    cutMidTransferAndResume(transport -> transport);
  }

  @Test
  void transportsThatConsumeTheFramesTheySendLeaveTheReplayWhole() throws Exception {
    cutMidTransferAndResume(ResumeTest::consuming);
  }

  private void cutMidTransferAndResume(Function<InMemoryTransport, FrameTransport> transports)
      throws Exception {
    Link first = connect(VERIFIER, sendPatternAndCollect, transports);
    TunnelStream stream = first.proxy.open("ssh");
    byte[] upload = pattern(PAYLOAD, 3);
    CompletableFuture<Void> uploading = writeAsync(stream, upload);
    ByteArrayOutputStream download = new ByteArrayOutputStream();
    readAtLeast(stream.input(), download, PAYLOAD / 3);

    first.transport.cut("link down");
    Eventually.await("the agent notices", () -> agentSession.isSuspended());
    assertEquals(1, registry.size(), "the proxy keeps the session");

    Link second = connect(VERIFIER, sendPatternAndCollect, transports);
    assertEquals(1, second.proxy.openStreams(), "the new connection carries the old stream");
    stream.input().transferTo(download);
    uploading.get(10, TimeUnit.SECONDS);

    assertArrayEquals(pattern(PAYLOAD, 7), download.toByteArray(), "agent to proxy");
    assertArrayEquals(upload, agentReceived.get(10, TimeUnit.SECONDS), "proxy to agent");
    second.proxy.close("done");
  }

  @Test
  void streamsSurviveSeveralCutsInARow() throws Exception {
    Link link = connect(VERIFIER, sendPatternAndCollect);
    transferBothWaysAcrossThreeCuts(link, link.proxy.open("ssh"));
  }

  /**
   * A client's stream relayed to the agent, as the proxy relays {@code outpost proxy ssh}: the
   * payloads pass through in the messages they arrived in, and the agent's link is cut three
   * times while both ways carry data.
   */
  @Test
  void aRelayedStreamSurvivesCutsOfTheAgentsLinkByteExact() throws Exception {
    Link link = connect(VERIFIER, sendPatternAndCollect);
    TunnelConnection towardsAgent = link.proxy;
    InMemoryTransport.Pair clientLink = InMemoryTransport.pair();
    TunnelConnection relay = TunnelConnection.accept(clientLink.left(), settings, VERIFIER,
        target -> relayed -> Splice.relay(relayed, towardsAgent.open(target)).join());
    TunnelConnection client = TunnelConnection.dial(clientLink.right(), settings, PROVER,
        StreamAcceptor.REFUSE_ALL);
    relay.awaitHandshake(WAIT);
    client.awaitHandshake(WAIT);
    Link last = transferBothWaysAcrossThreeCuts(link, client.open("ssh"));
    client.close("done");
    relay.close("done");
    last.proxy.close("done");
  }

  /**
   * Sends a pattern each way over {@code stream}, which ends at the agent of {@code link}, while
   * the agent's link is cut three times; both arrive exact. Returns the link in use at the end.
   */
  private Link transferBothWaysAcrossThreeCuts(Link link, TunnelStream stream) throws Exception {
    CompletableFuture<Void> uploading = writeAsync(stream, pattern(PAYLOAD, 3));
    ByteArrayOutputStream download = new ByteArrayOutputStream();
    for (int cut = 1; cut <= 3; cut++) {
      readAtLeast(stream.input(), download, cut * PAYLOAD / 4);
      link.transport.cut("cut " + cut);
      Eventually.await("the agent notices", () -> agentSession.isSuspended());
      link = connect(VERIFIER, sendPatternAndCollect);
    }
    stream.input().transferTo(download);
    uploading.get(10, TimeUnit.SECONDS);
    assertArrayEquals(pattern(PAYLOAD, 7), download.toByteArray(), "from the agent");
    assertArrayEquals(pattern(PAYLOAD, 3), agentReceived.get(10, TimeUnit.SECONDS), "to the agent");
    return link;
  }

  @Test
  void aNewConnectionTakesOverFromOneThatHasNotNoticedTheLoss() throws Exception {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection oblivious =
        TunnelConnection.accept(
            deafToLoss(pair.left()), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    TunnelConnection.dial(pair.right(), settings, PROVER, sendPatternAndCollect, agentSession)
        .awaitHandshake(WAIT);
    TunnelStream stream = oblivious.awaitHandshake(WAIT).open("ssh");
    ByteArrayOutputStream download = new ByteArrayOutputStream();
    readAtLeast(stream.input(), download, 1);
    pair.right().cut("the agent's side saw the link go; the proxy's did not");
    Eventually.await("the agent notices", () -> agentSession.isSuspended());

    Link second = connect(VERIFIER, sendPatternAndCollect);
    assertEquals(
        "superseded by a resumed connection", oblivious.closed().get(10, TimeUnit.SECONDS));
    assertTrue(oblivious.streamSession().isCarriedByAnother(oblivious),
        "the superseded connection's streams live on: its peer did not go away");
    assertFalse(second.proxy.streamSession().isCarriedByAnother(second.proxy));
    stream.output().close();
    stream.input().transferTo(download);
    assertArrayEquals(pattern(PAYLOAD, 7), download.toByteArray());
    second.proxy.close("done");
  }

  @Test
  void anotherIdentityCannotClaimTheSession() throws Exception {
    Link first = connect(VERIFIER, sendPatternAndCollect);
    TunnelStream stream = first.proxy.open("ssh");
    first.transport.cut("link down");
    Eventually.await("the agent notices", () -> agentSession.isSuspended());

    Verifier otherNode = (nonce, credential) -> VERIFIER.verify(nonce, credential) + "-forged";
    StreamSession forged =
        new StreamSession(
            settings, HexFormat.of().parseHex(agentSession.id()), "", session -> {});
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy = TunnelConnection.accept(pair.left(), settings, otherNode,
        StreamAcceptor.REFUSE_ALL, registry);
    TunnelConnection forger =
        TunnelConnection.dial(pair.right(), settings, PROVER, StreamAcceptor.REFUSE_ALL, forged);

    IOException refusal = assertThrows(IOException.class, () -> forger.awaitHandshake(WAIT));
    assertEquals(
        "closed by peer: resume refused: session " + agentSession.id()
            + " belongs to another peer",
        refusal.getMessage());
    assertEquals(List.of("node-1-forged claimed node-1"), refused);
    assertFalse(proxy.isOpen());

    connect(VERIFIER, sendPatternAndCollect);
    stream.output().close();
    assertArrayEquals(pattern(PAYLOAD, 7), stream.input().readAllBytes(), "the owner still can");
  }

  @Test
  void pastTheGraceTheStreamsFailWithTheReason() throws Exception {
    ManualScheduler time = new ManualScheduler();
    settings = settings.toBuilder().scheduler(time).clock(time.clock()).build();
    SessionRegistry timed = new SessionRegistry(settings, listener);
    StreamSession dialing = StreamSession.dialing(settings);
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy =
        TunnelConnection.accept(pair.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, timed);
    TunnelConnection agent =
        TunnelConnection.dial(pair.right(), settings, PROVER, TestPeers.ECHO, dialing);
    proxy.awaitHandshake(WAIT);
    agent.awaitHandshake(WAIT);
    TunnelStream stream = proxy.open("echo");
    pair.left().cut("link down");
    // Suspended, not merely closed: the grace's timer must be set before the clock moves.
    Eventually.await("both notice",
        () -> dialing.isSuspended() && proxy.streamSession().isSuspended());

    time.advance(TunnelSettings.DEFAULT_RESUME_GRACE.minusSeconds(1));
    assertTrue(dialing.isSuspended(), "still within the grace");
    time.advance(Duration.ofSeconds(1));

    IOException failed = assertThrows(IOException.class, () -> stream.input().read());
    String reason = "link lost (connection lost: link down) and not resumed within PT5M";
    assertEquals(reason, failed.getMessage());
    assertEquals(List.of("node-1: " + reason), ended);
    assertEquals(0, timed.size());
    assertEquals(reason, dialing.endReason());
  }

  @Test
  void aSessionTheProxyNoLongerHasStartsAfreshAndSaysWhy() throws Exception {
    Link first = connect(VERIFIER, TestPeers.ECHO);
    first.proxy.open("echo");
    first.transport.cut("link down");
    Eventually.await("the agent notices", () -> agentSession.isSuspended());
    String oldId = agentSession.id();

    SessionRegistry restarted = new SessionRegistry(settings, listener);
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy =
        TunnelConnection.accept(
            pair.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, restarted);
    TunnelConnection agent =
        TunnelConnection.dial(pair.right(), settings, PROVER, TestPeers.ECHO, agentSession);
    proxy.awaitHandshake(WAIT);
    agent.awaitHandshake(WAIT);

    assertNotEquals(oldId, agentSession.id());
    assertEquals(0, agent.openStreams(), "the agent let go of the streams the proxy forgot");
    assertEquals("echo", proxy.open("echo").target(), "the new session works");
  }

  @Test
  void aPeerThatStopsAcknowledgingHoldsTheSenderToOneWindow() throws Exception {
    Link link = connect(VERIFIER, sendPatternAndCollect);
    TunnelStream stream = link.proxy.open("ssh"); // the proxy never reads
    Eventually.await(
        "the agent's writer stalls", () -> agentSession.replayHeld() >= WINDOW);
    Thread.sleep(200);
    assertEquals(WINDOW, agentSession.replayHeld(), "never more than the window the peer granted");
    link.transport.cut("link down");
    Eventually.await("the agent notices", () -> agentSession.isSuspended());
    Thread.sleep(200);
    assertEquals(WINDOW, agentSession.replayHeld(), "suspended: the writer still waits");
    stream.reset("done");
  }

  @Test
  void aResumeBeyondWhatWasSentEndsTheConnection() throws Exception {
    Link first = connect(VERIFIER, TestPeers.ECHO);
    first.proxy.open("echo");
    first.transport.cut("link down");
    Eventually.await("the agent notices", () -> agentSession.isSuspended());
    Eventually.await("the proxy notices", () -> !first.proxy.isOpen());

    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection.accept(pair.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    RawPeer raw = RawPeer.on(pair.right());
    ByteBuffer nonce = raw.expect(Frame.Hello.class).nonce();
    byte[] challenge = new byte[nonce.remaining()];
    nonce.get(challenge);
    raw.send(
        new Frame.Hello(
            FrameCodec.PROTOCOL_VERSION,
            FrameLimits.DEFAULT_MAX_PAYLOAD,
            WINDOW,
            ByteBuffer.allocate(0),
            true));
    raw.send(new Frame.Auth(ByteBuffer.wrap(TestPeers.credentialFor(challenge))));
    raw.expect(Frame.AuthOk.class);
    raw.send(
        new Frame.Resume(
            ByteBuffer.wrap(HexFormat.of().parseHex(agentSession.id())),
            List.of(new Frame.ResumePoint(2, 999, 0, false))));

    assertEquals(
        ErrorCode.PROTOCOL,
        raw.expectGoAway("RESUME for stream 2 offset 999 is beyond the 0 bytes sent").code());
    assertEquals(1, registry.size(), "the streams still wait for a sane resume");
  }

  private record Link(InMemoryTransport transport, TunnelConnection proxy, TunnelConnection agent) {}

  private Link connect(Verifier verifier, StreamAcceptor agentStreams) throws IOException {
    return connect(verifier, agentStreams, transport -> transport);
  }

  private Link connect(
      Verifier verifier,
      StreamAcceptor agentStreams,
      Function<InMemoryTransport, FrameTransport> transports)
      throws IOException {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection proxy =
        TunnelConnection.accept(
            transports.apply(pair.left()), settings, verifier, StreamAcceptor.REFUSE_ALL, registry);
    TunnelConnection agent =
        TunnelConnection.dial(
            transports.apply(pair.right()), settings, PROVER, agentStreams, agentSession);
    return new Link(pair.left(), proxy.awaitHandshake(WAIT), agent.awaitHandshake(WAIT));
  }

  /**
   * Moves every frame's position to its limit once sent, as a channel's write moves a buffer's: the
   * replay buffer, which keeps the payloads sent, must not depend on the views it handed out.
   */
  private static FrameTransport consuming(InMemoryTransport transport) {
    return new ForwardingTransport(transport) {
      @Override
      public void send(ByteBuffer frame) throws IOException {
        super.send(frame);
        frame.position(frame.limit());
      }
    };
  }

  /** A transport whose loss its connection never hears of, like a silently dead TCP connection. */
  private static FrameTransport deafToLoss(InMemoryTransport transport) {
    return new ForwardingTransport(transport) {
      @Override
      void closed(FrameSink sink, String reason) {}

      @Override
      public void send(ByteBuffer frame) {
        try {
          super.send(frame);
        } catch (IOException lost) {
          // a dead TCP connection accepts writes until it times out
        }
      }
    };
  }

  private static CompletableFuture<Void> writeAsync(TunnelStream stream, byte[] bytes) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            TestPeers.writeAndClose(stream.output(), bytes);
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
  }
}
