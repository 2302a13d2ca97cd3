package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.WAIT;
import static dev.outpost.tunnel.TestPeers.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where a resumed stream's replay starts and what the receiving side keeps of it, byte for byte,
 * when the accepting side takes the streams over from a connection that is still handling a frame.
 * The agent is played in raw frames, so every offset is the test's own.
 */
class ResumeOffsetsTest {
  private static final int WINDOW = 64 * 1024;

  private final TunnelSettings settings = TunnelSettings.builder().initialWindow(WINDOW).build();
  private final SessionRegistry registry =
      new SessionRegistry(
          settings,
          new SessionRegistry.Listener() {
            @Override
            public void ended(StreamSession session, String reason) {}

            @Override
            public void refused(String claimant, String owner, String sessionId) {}
          });

  /**
   * The agent's old connection delivers a DATA frame just as its new one resumes (on a lossy link
   * the old connection's last segments and the new one's RESUME arrive together): the proxy must
   * count that frame either before its RESUME point or not at all, or the agent's replay from
   * that point is taken a second time.
   */
  @Test
  void aFrameTheSupersededConnectionIsHandlingCountsBeforeTheResumePoint() throws Exception {
    InMemoryTransport.Pair old = InMemoryTransport.pair();
    PausingTransport paused = new PausingTransport(old.left());
    TunnelConnection proxy =
        TunnelConnection.accept(paused, settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    RawPeer agent = RawPeer.on(old.right());
    Frame.Resume session = resumableHandshake(agent, new byte[FrameLimits.SESSION_LENGTH], List.of());
    proxy.awaitHandshake(WAIT);
    CompletableFuture<TunnelStream> opening = CompletableFuture.supplyAsync(() -> {
      try {
        return proxy.open("ssh");
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    int id = agent.expect(Frame.Open.class).streamId();
    agent.send(new Frame.OpenOk(id));
    TunnelStream stream = opening.get(10, TimeUnit.SECONDS);

    byte[] sent = pattern(150, 5);
    agent.send(new Frame.Data(id, ByteBuffer.wrap(sent, 0, 100)));
    assertArrayEquals(Arrays.copyOfRange(sent, 0, 100), stream.input().readNBytes(100));
    paused.pauseNextFrame();
    agent.send(new Frame.Data(id, ByteBuffer.wrap(sent, 100, 50))); // the old connection's last
    assertTrue(paused.reached.await(10, TimeUnit.SECONDS), "the old connection handles it");

    InMemoryTransport.Pair next = InMemoryTransport.pair();
    TunnelConnection.accept(next.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    RawPeer resumed = RawPeer.on(next.right());
    byte[] sessionId = new byte[FrameLimits.SESSION_LENGTH];
    session.session().duplicate().get(sessionId);
    Frame answer = resumeAllowingAPause(resumed, sessionId,
        List.of(new Frame.ResumePoint(id, 0, 0, false)), paused);
    Frame.ResumePoint point = ((Frame.Resume) answer).streams().get(0);

    // The agent replays all it sent from the proxy's point: here it has had no credit back.
    int from = (int) point.received();
    if (from < sent.length) {
      resumed.send(new Frame.Data(id, ByteBuffer.wrap(sent, from, sent.length - from)));
    }
    resumed.send(new Frame.Close(id));
    assertArrayEquals(Arrays.copyOfRange(sent, 100, 150), stream.input().readAllBytes(),
        "every byte once, in order (the proxy's RESUME said " + point.received() + ")");
  }

  /**
   * The agent states how far it received and credited in its RESUME, then waits a round trip for
   * the proxy's answer while its SSH server reads on. The credit for what it reads meanwhile must
   * reach the proxy on the new connection, or the proxy's window stays short by it (and its replay
   * buffer holds those bytes) until the next resume; left smaller than a credit batch, it stalls.
   */
  @Test
  void creditGrantedBetweenTheResumePointAndTheAnswerReachesThePeer() throws Exception {
    StreamSession session = StreamSession.dialing(settings);
    CompletableFuture<TunnelStream> served = new CompletableFuture<>();
    CountDownLatch done = new CountDownLatch(1);
    StreamAcceptor serve = target -> stream -> {
      served.complete(stream);
      done.await();
    };
    InMemoryTransport.Pair old = InMemoryTransport.pair();
    TunnelConnection.dial(old.right(), settings, TestPeers.PROVER, serve, session);
    RawPeer proxy = RawPeer.on(old.left());
    byte[] sessionId = pattern(FrameLimits.SESSION_LENGTH, 1);
    acceptResumable(proxy, sessionId);
    proxy.send(new Frame.Open(2, "ssh"));
    proxy.expect(Frame.OpenOk.class);
    byte[] sent = pattern(WINDOW, 4);
    for (int at = 0; at < WINDOW; at += WINDOW / 4) {
      proxy.send(new Frame.Data(2, ByteBuffer.wrap(sent, at, WINDOW / 4)));
    }
    TunnelStream stream = served.get(10, TimeUnit.SECONDS);
    StreamInput input = (StreamInput) stream.input();
    Eventually.await("all arrived", () -> input.available() == WINDOW);
    old.left().cut("link down");
    Eventually.await("the agent notices", session::isSuspended);

    InMemoryTransport.Pair next = InMemoryTransport.pair();
    TunnelConnection.dial(next.right(), settings, TestPeers.PROVER, serve, session);
    RawPeer resumed = RawPeer.on(next.left());
    Frame.Resume point = answerHandshake(resumed);
    assertEquals(List.of(new Frame.ResumePoint(2, WINDOW, 0, false)), point.streams());
    assertArrayEquals(sent, stream.input().readNBytes(WINDOW), "read before the answer");
    resumed.send(new Frame.Resume(ByteBuffer.wrap(sessionId),
        List.of(new Frame.ResumePoint(2, 0, 0, false))));

    long credited = 0;
    Frame frame;
    while (credited < WINDOW && (frame = resumed.poll(Duration.ofSeconds(2))) != null) {
      if (frame instanceof Frame.Window window) {
        credited += window.increment();
      }
    }
    assertEquals(WINDOW, credited, "the proxy hears of every byte the agent consumed");
    done.countDown();
  }

  /**
   * A connection the agent gave up during its handshake may still deliver its RESUME to the proxy
   * after a newer connection resumed (the agent's kernel keeps sending what was written): the
   * proxy then moves the streams to that dead connection and lets go of the live one. The agent
   * must take that as a lost link, keep its streams and resume them again, not end them.
   */
  @Test
  void aStaleResumeOfAConnectionTheAgentGaveUpLeavesItsStreamsToResumeAgain() throws Exception {
    StreamSession agentSession = StreamSession.dialing(settings);
    InMemoryTransport.Pair live = InMemoryTransport.pair();
    TunnelConnection proxy =
        TunnelConnection.accept(live.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    TunnelConnection agent =
        TunnelConnection.dial(live.right(), settings, TestPeers.PROVER, TestPeers.ECHO, agentSession);
    proxy.awaitHandshake(WAIT);
    agent.awaitHandshake(WAIT);
    TunnelStream stream = proxy.open("echo");
    byte[] bytes = pattern(200, 8);
    stream.output().write(bytes, 0, 100);
    assertArrayEquals(Arrays.copyOfRange(bytes, 0, 100), stream.input().readNBytes(100));

    InMemoryTransport.Pair stale = InMemoryTransport.pair();
    TunnelConnection.accept(stale.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    resumableHandshake(RawPeer.on(stale.right()), HexFormat.of().parseHex(agentSession.id()),
        List.of(new Frame.ResumePoint(stream.id(), 0, 0, false)));
    Eventually.await("the agent lets go of the connection",
        () -> agentSession.isSuspended() || agentSession.endReason() != null);
    assertFalse(agent.isOpen());
    assertTrue(agentSession.isSuspended(), "suspended, not ended: " + agentSession.endReason());

    InMemoryTransport.Pair next = InMemoryTransport.pair();
    TunnelConnection.accept(next.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, registry);
    TunnelConnection.dial(next.right(), settings, TestPeers.PROVER, TestPeers.ECHO, agentSession)
        .awaitHandshake(WAIT);
    stream.output().write(bytes, 100, 100);
    assertArrayEquals(Arrays.copyOfRange(bytes, 100, 200), stream.input().readNBytes(100));
    stream.reset("done");
  }

  /**
   * Plays the proxy's side of a resumable handshake up to the agent's RESUME, which it returns;
   * the test answers it.
   */
  private static Frame.Resume answerHandshake(RawPeer proxy) {
    proxy.send(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, FrameLimits.DEFAULT_MAX_PAYLOAD,
        WINDOW, ByteBuffer.wrap(new byte[TunnelConnection.NONCE_LENGTH]), true));
    proxy.expect(Frame.Hello.class);
    proxy.expect(Frame.Auth.class);
    proxy.send(new Frame.AuthOk(TestPeers.AGENT));
    return proxy.expect(Frame.Resume.class);
  }

  /** Plays the proxy's side of a resumable handshake that starts session {@code sessionId}. */
  private static void acceptResumable(RawPeer proxy, byte[] sessionId) {
    answerHandshake(proxy);
    proxy.send(new Frame.Resume(ByteBuffer.wrap(sessionId), List.of()));
  }

  /** Plays the agent's resumable handshake on a new connection; returns the proxy's RESUME. */
  private static Frame.Resume resumableHandshake(
      RawPeer agent, byte[] sessionId, List<Frame.ResumePoint> points) {
    sendResume(agent, sessionId, points);
    return agent.expect(Frame.Resume.class);
  }

  private static void sendResume(RawPeer agent, byte[] sessionId, List<Frame.ResumePoint> points) {
    ByteBuffer nonce = agent.expect(Frame.Hello.class).nonce();
    byte[] challenge = new byte[nonce.remaining()];
    nonce.get(challenge);
    agent.send(new Frame.Hello(FrameCodec.PROTOCOL_VERSION, FrameLimits.DEFAULT_MAX_PAYLOAD,
        WINDOW, ByteBuffer.allocate(0), true));
    agent.send(new Frame.Auth(ByteBuffer.wrap(TestPeers.credentialFor(challenge))));
    agent.expect(Frame.AuthOk.class);
    agent.send(new Frame.Resume(ByteBuffer.wrap(sessionId), points));
  }

  /**
   * Resumes on a new connection while the old one is paused in the middle of a frame; lets the old
   * one go on once the proxy either answered or evidently waits for it. Returns the proxy's RESUME.
   */
  private static Frame resumeAllowingAPause(RawPeer agent, byte[] sessionId,
      List<Frame.ResumePoint> points, PausingTransport paused) throws InterruptedException {
    sendResume(agent, sessionId, points);
    Frame answer = agent.poll(Duration.ofSeconds(1));
    paused.resume();
    return answer != null ? answer : agent.expect(Frame.Resume.class);
  }

  /**
   * An in-memory transport that can hold its connection in the middle of handling one inbound
   * frame, after the connection checked that it is still open: the transport is asked whether it
   * hands the frame over then.
   */
  private static final class PausingTransport extends ForwardingTransport {
    final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean armed;

    PausingTransport(InMemoryTransport transport) {
      super(transport);
    }

    void pauseNextFrame() {
      armed = true;
    }

    void resume() {
      released.countDown();
    }

    @Override
    public boolean handsOverFrames() {
      if (armed) {
        armed = false;
        reached.countDown();
        try {
          released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.handsOverFrames();
    }
  }
}
