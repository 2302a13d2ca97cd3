package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.WAIT;
import static dev.outpost.tunnel.TestPeers.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
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
