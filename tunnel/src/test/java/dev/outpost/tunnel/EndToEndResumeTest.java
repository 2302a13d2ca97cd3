package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.PROVER;
import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.WAIT;
import static dev.outpost.tunnel.TestPeers.pattern;
import static dev.outpost.tunnel.TestPeers.readAtLeast;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.TunnelAuthenticator.Verifier;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client's stream to an agent survives the relay between them dying (a proxy killed and started
 * again): both ends reconnect to the new relay, which holds nothing of the old one, and the stream
 * carries on byte-exact, but only for the user it belongs to.
 */
class EndToEndResumeTest {
  private static final int WINDOW = 64 * 1024;
  private static final int PAYLOAD = 2 * 1024 * 1024;
  private static final String ALICE = "alice";

  private TunnelSettings settings = TunnelSettings.builder().initialWindow(WINDOW).build();
  /** The agent's own, which may take smaller payloads than the relay's. */
  private TunnelSettings agentSettings = settings;
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final ParkedStreams.Listener listener =
      (key, claimant, reason) -> refusals.add(claimant.user() + ": " + reason);
  private ParkedStreams agentParked = new ParkedStreams(settings, listener);
  private ParkedStreams clientParked = new ParkedStreams(settings, ParkedStreams.Listener.NONE);
  private StreamSession agentSession = StreamSession.dialing(settings);
  private final CompletableFuture<byte[]> agentReceived = new CompletableFuture<>();
  private final CountDownLatch agentMayRead = new CountDownLatch(1);

  /** The agent's service: sends a pattern and, once allowed, collects what it receives. */
  private final StreamAcceptor agentService =
      target ->
          stream -> {
            CompletableFuture<Void> sending =
                CompletableFuture.runAsync(() -> write(stream, pattern(PAYLOAD, 7)));
            agentMayRead.await();
            agentReceived.complete(stream.input().readAllBytes());
            sending.join();
          };

  @Test
  void aStreamSurvivesTheRelayDyingByteExactInBothDirections() throws Exception {
    Relay first = new Relay();
    TunnelConnection agent = first.connectAgent();
    TunnelConnection client = first.connectClient(ALICE);
    TunnelStream stream = client.openEndToEnd("ssh");
    StreamKey key = keyOf(stream);
    byte[] upload = pattern(PAYLOAD, 3);
    CompletableFuture<Void> uploading = CompletableFuture.runAsync(() -> write(stream, upload));
    ByteArrayOutputStream download = new ByteArrayOutputStream();
    readAtLeast(stream.input(), download, PAYLOAD / 3);
    // The agent reads nothing yet: the relay holds what it could, the client the rest.
    Thread.sleep(100);

    first.kill();
    Eventually.await("the agent notices", () -> !agent.isOpen());
    Relay second = new Relay();
    second.connectAgent();
    Eventually.await("the agent parked the stream", () -> agentParked.holds(key));
    Eventually.await("the client parked the stream", () -> clientParked.holds(key));
    second.connectClient(ALICE).resumeEndToEnd(resumeTarget(key), key);
    agentMayRead.countDown();

    stream.input().transferTo(download);
    uploading.get(10, TimeUnit.SECONDS);
    assertArrayEquals(pattern(PAYLOAD, 7), download.toByteArray(), "agent to client");
    assertArrayEquals(upload, agentReceived.get(10, TimeUnit.SECONDS), "client to agent");
    assertEquals(List.of(), refusals);
  }

  @Test
  void bothEndsMayKeepReadingWhileTheStreamResumes() throws Exception {
    agentMayRead.countDown();
    Relay first = new Relay();
    first.connectAgent();
    TunnelStream stream = first.connectClient(ALICE).openEndToEnd("ssh");
    StreamKey key = keyOf(stream);
    byte[] upload = pattern(PAYLOAD, 4);
    CompletableFuture<Void> uploading = CompletableFuture.runAsync(() -> write(stream, upload));
    ByteArrayOutputStream download = new ByteArrayOutputStream();
    readAtLeast(stream.input(), download, 1); // the agent's side of the relay is up
    CompletableFuture<Void> downloading = CompletableFuture.runAsync(() -> {
      try {
        stream.input().transferTo(download);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    });

    first.kill();
    Eventually.await("the client parked the stream", () -> clientParked.holds(key));
    Relay second = new Relay();
    second.connectAgent();
    Eventually.await("the agent parked the stream", () -> agentParked.holds(key));
    second.connectClient(ALICE).resumeEndToEnd(resumeTarget(key), key);

    downloading.get(10, TimeUnit.SECONDS);
    assertArrayEquals(pattern(PAYLOAD, 7), download.toByteArray(), "agent to client");
    uploading.get(10, TimeUnit.SECONDS);
    assertArrayEquals(upload, agentReceived.get(10, TimeUnit.SECONDS), "client to agent");
  }

  @Test
  void aRelayedStreamResumesAcrossItsAgentsLinkDroppingAsBefore() throws Exception {
    resumeAcrossTheAgentsLinkDropping();
  }

  /**
   * The relay passes the client's payloads to the agent in parts, the first in the message it
   * received and the rest copied, and replays them from there after the agent's link drops.
   */
  @Test
  void payloadsPassedOnInPartsResumeExactAcrossTheAgentsLinkDropping() throws Exception {
    agentSettings = settings.toBuilder().maxPayload(FrameLimits.MIN_MAX_PAYLOAD).build();
    resumeAcrossTheAgentsLinkDropping();
  }

  private void resumeAcrossTheAgentsLinkDropping() throws Exception {
    Relay relay = new Relay();
    TunnelConnection agent = relay.connectAgent();
    TunnelStream stream = relay.connectClient(ALICE).openEndToEnd("ssh");
    byte[] upload = pattern(PAYLOAD, 5);
    CompletableFuture<Void> uploading = CompletableFuture.runAsync(() -> write(stream, upload));
    ByteArrayOutputStream download = new ByteArrayOutputStream();
    readAtLeast(stream.input(), download, PAYLOAD / 3);

    relay.cutAgentLink();
    Eventually.await("the agent notices", () -> !agent.isOpen());
    relay.connectAgent();
    agentMayRead.countDown();

    stream.input().transferTo(download);
    uploading.get(10, TimeUnit.SECONDS);
    assertArrayEquals(pattern(PAYLOAD, 7), download.toByteArray(), "agent to client");
    assertArrayEquals(upload, agentReceived.get(10, TimeUnit.SECONDS), "client to agent");
    assertEquals(0, agentParked.size(), "the relay kept the session: nothing parked");
  }

  @Test
  void anotherUserCannotResumeTheStreamAndTheOwnerStillCan() throws Exception {
    TunnelStream stream = streamOfARelayThatDied();
    StreamKey key = keyOf(stream);
    Relay second = new Relay();
    second.connectAgent();
    Eventually.await("the agent parked the stream", () -> agentParked.holds(key));

    // Mallory learnt the key and asks to resume it, with her own valid credentials.
    TunnelConnection mallory = second.connectClient("mallory");
    TunnelStream claimed = mallory.open(
        resumeTarget(key) + "&" + new EndToEndPoint(0, 0, 0, false).fields());

    IOException refused = assertThrows(IOException.class, () -> claimed.input().readAllBytes());
    assertEquals("resume refused: stream " + key + " belongs to another user or session",
        refused.getMessage());
    assertEquals(
        List.of("mallory: resume refused: stream " + key + " belongs to another user or session"),
        refusals);
    assertTrue(agentParked.holds(key), "the stream still waits for its owner");

    second.connectClient(ALICE).resumeEndToEnd(resumeTarget(key), key);
    stream.output().close();
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    stream.input().transferTo(rest);
    assertTrue(rest.size() > 0, "the owner's stream carried on");
  }

  @Test
  void aResumeWhoseOffsetsDoNotAddUpIsRefusedAndChangesNothing() throws Exception {
    StreamKey key = keyOf(streamOfARelayThatDied());
    Relay second = new Relay();
    TunnelConnection agent = second.connectAgent();
    Eventually.await("the agent parked the stream", () -> agentParked.holds(key));

    EndToEndPoint beyond = new EndToEndPoint(PAYLOAD * 4L, 0, 0, false);
    IOException refused = assertThrows(IOException.class,
        () -> second.agentLink().openResumed(agentResumeTarget(key, ALICE), beyond)
            .input().read());
    assertTrue(refused.getMessage().startsWith("resume refused: RESUME for stream"),
        refused.getMessage());
    assertTrue(refused.getMessage().endsWith("bytes sent"), refused.getMessage());

    EndToEndPoint replayAhead = new EndToEndPoint(0, 0, PAYLOAD * 4L, false);
    IOException ahead = assertThrows(IOException.class,
        () -> second.agentLink().openResumed(agentResumeTarget(key, ALICE), replayAhead)
            .input().read());
    assertTrue(ahead.getMessage().contains("is beyond the"), ahead.getMessage());
    assertTrue(agentParked.holds(key), "the stream still waits for a sane resume");
    assertTrue(agent.isOpen(), "a refused resume refuses one stream, not the agent's tunnel");
  }

  @Test
  void aRelayThatDiesWhileTheStreamResumesLeavesItWaiting() throws Exception {
    TunnelStream stream = streamOfARelayThatDied();
    StreamKey key = keyOf(stream);
    Relay second = new Relay();
    second.connectAgent();
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    second.acceptHook = () -> {
      opened.countDown();
      never.await(); // the relay hangs before it answers, then dies
    };
    TunnelConnection client = second.connectClient(ALICE);
    CompletableFuture<TunnelStream> resuming = CompletableFuture.supplyAsync(() -> {
      try {
        return client.resumeEndToEnd(resumeTarget(key), key);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    });
    opened.await();
    second.kill();

    ExecutionException lost =
        assertThrows(ExecutionException.class, () -> resuming.get(10, TimeUnit.SECONDS));
    assertTrue(lost.getCause() instanceof IOException, lost.toString());
    Eventually.await("the stream waits again", () -> clientParked.holds(key));
    never.countDown();
    Relay third = new Relay();
    third.connectAgent();
    third.connectClient(ALICE).resumeEndToEnd(resumeTarget(key), key);
    stream.output().close();
    assertTrue(stream.input().readAllBytes().length > 0, "the stream carried on");
  }

  @Test
  void anUnknownKeyIsRefused() throws Exception {
    Relay relay = new Relay();
    relay.connectAgent();
    StreamKey unknown = StreamKey.random(new SecureRandom());
    IOException refused = assertThrows(IOException.class,
        () -> relay.agentLink().openResumed(agentResumeTarget(unknown, ALICE),
            new EndToEndPoint(0, 0, 0, false)).input().read());
    assertEquals("resume refused: no stream " + unknown + " waits here", refused.getMessage());
  }

  @Test
  void pastTheGraceAParkedStreamFailsWithTheReason() throws Exception {
    ManualScheduler time = new ManualScheduler();
    settings = settings.toBuilder().scheduler(time).clock(time.clock()).build();
    agentSettings = settings;
    agentParked = new ParkedStreams(settings, listener);
    clientParked = new ParkedStreams(settings, ParkedStreams.Listener.NONE);
    agentSession = StreamSession.dialing(settings);
    TunnelStream stream = streamOfARelayThatDied();
    StreamKey key = keyOf(stream);

    time.advance(TunnelSettings.DEFAULT_RESUME_GRACE);

    IOException failed = assertThrows(IOException.class, () -> stream.input().readAllBytes());
    assertTrue(failed.getMessage().endsWith("and not resumed within PT5M"), failed.getMessage());
    assertFalse(clientParked.holds(key));
  }

  /** A stream that carried bytes through a relay that was then killed; the client parked it. */
  private TunnelStream streamOfARelayThatDied() throws Exception {
    agentMayRead.countDown();
    Relay first = new Relay();
    first.connectAgent();
    TunnelStream stream = first.connectClient(ALICE).openEndToEnd("ssh");
    readAtLeast(stream.input(), new ByteArrayOutputStream(), 1);
    first.kill();
    Eventually.await("the client parked the stream", () -> clientParked.holds(keyOf(stream)));
    return stream;
  }

  /** A proxy: it relays each client stream to the agent, end to end, and keeps nothing else. */
  private final class Relay {
    private final SessionRegistry agents =
        new SessionRegistry(settings, new SessionRegistry.Listener() {
          @Override
          public void ended(StreamSession session, String reason) {}

          @Override
          public void refused(String claimant, String owner, String sessionId) {}
        });
    private final List<InMemoryTransport> links = new ArrayList<>();
    private volatile TunnelConnection agentSide;
    /** Runs when a client's OPEN arrives, before the relay decides. */
    private volatile Interruptible acceptHook = () -> {};

    TunnelConnection connectAgent() throws IOException {
      InMemoryTransport.Pair pair = InMemoryTransport.pair();
      links.add(pair.left());
      agentSide = TunnelConnection.accept(
          pair.left(), settings, VERIFIER, StreamAcceptor.REFUSE_ALL, agents);
      TunnelConnection agent = TunnelConnection.dial(
          pair.right(), agentSettings, PROVER, agentService, agentSession, agentParked);
      agentSide.awaitHandshake(WAIT);
      return agent.awaitHandshake(WAIT);
    }

    TunnelConnection agentLink() {
      return agentSide;
    }

    TunnelConnection connectClient(String user) throws IOException {
      return connectClient(user, clientParked);
    }

    TunnelConnection connectClient(String user, ParkedStreams parked) throws IOException {
      InMemoryTransport.Pair pair = InMemoryTransport.pair();
      links.add(pair.left());
      Verifier asUser = (nonce, credential) -> {
        VERIFIER.verify(nonce, credential);
        return user;
      };
      TunnelConnection proxy =
          TunnelConnection.accept(pair.left(), settings, asUser, target -> accept(user, target));
      TunnelConnection client =
          TunnelConnection.dial(pair.right(), settings, PROVER, StreamAcceptor.REFUSE_ALL, null,
              parked);
      proxy.awaitHandshake(WAIT);
      return client.awaitHandshake(WAIT);
    }

    private StreamAcceptor.StreamHandler accept(String user, String target) {
      try {
        acceptHook.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      StreamTarget parsed = StreamTarget.parse(target);
      if (parsed.service().equals("ssh")) {
        StreamKey key = StreamKey.random(new SecureRandom());
        return new StreamAcceptor.StreamHandler() {
          @Override
          public void serve(TunnelStream client) throws Exception {
            Splice.relay(client, agentSide.open(
                "ssh?user=" + user + "&session=s-1&key=" + key)).join();
          }

          @Override
          public String acceptedAs() {
            return "key=" + key + "&session=s-1";
          }
        };
      }
      EndToEndPoint point = EndToEndPoint.of(parsed);
      StreamKey key = new StreamKey(parsed.field("key"));
      return new StreamAcceptor.StreamHandler() {
        @Override
        public void serve(TunnelStream client) throws Exception {
          TunnelStream far;
          try {
            far = agentSide.openResumed(agentResumeTarget(key, user), point);
          } catch (IOException refused) {
            client.reset(refused.getMessage());
            return;
          }
          Splice.relay(client, far).join();
        }

        @Override
        public EndToEndPoint resumesFrom() {
          return point;
        }
      };
    }

    /** The agent's link drops; the relay lives on. */
    void cutAgentLink() {
      links.get(0).cut("agent link down");
    }

    /** Kill -9: every connection drops at once, nothing in flight arrives. */
    void kill() {
      links.forEach(link -> link.cut("relay killed"));
    }
  }

  /** A step that may wait. */
  private interface Interruptible {
    void run() throws InterruptedException;
  }

  private static String resumeTarget(StreamKey key) {
    return "resume?key=" + key + "&session=s-1";
  }

  private static String agentResumeTarget(StreamKey key, String user) {
    return "resume?key=" + key + "&user=" + user + "&session=s-1";
  }

  private static StreamKey keyOf(TunnelStream stream) {
    return new StreamKey(StreamTarget.parse("?" + stream.acceptedAs()).field("key"));
  }

  private static void write(TunnelStream stream, byte[] bytes) {
    try {
      TestPeers.writeAndClose(stream.output(), bytes);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
