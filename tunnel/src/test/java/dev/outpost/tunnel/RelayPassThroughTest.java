package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.PROVER;
import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.WAIT;
import static dev.outpost.tunnel.TestPeers.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameException;
import dev.outpost.tunnel.frame.FrameLimits;
import dev.outpost.tunnel.transport.InMemoryTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A relay passes each received DATA payload on in the message it arrived in, under a new header,
 * and still credits each end only what the other end consumed. Every frame the relay sends and
 * every credit either end grants is watched on the wire.
 */
class RelayPassThroughTest {
  private static final int WINDOW = 64 * 1024;
  private static final int CHUNK = 32 * 1024;
  private static final int TOTAL = 6 * WINDOW;

  private final TunnelSettings settings = TunnelSettings.builder().initialWindow(WINDOW).build();
  private final CountDownLatch agentMayRead = new CountDownLatch(1);
  private final CompletableFuture<byte[]> agentReceived = new CompletableFuture<>();
  private final FrameCodec codec = new FrameCodec(FrameLimits.MAX_PAYLOAD_CAP);

  /** The arrays of the messages the relay received: a frame it sends in one was not copied. */
  private final Set<byte[]> relayReceived = Collections.synchronizedSet(
      Collections.newSetFromMap(new IdentityHashMap<>()));

  private final Wire client = new Wire("client");
  private final Wire agent = new Wire("agent");
  private final List<String> violations = new CopyOnWriteArrayList<>();

  /** The agent's service: sends its pattern at once, reads only once allowed. */
  private final StreamAcceptor agentService =
      target ->
          stream -> {
            CompletableFuture<Void> sending =
                CompletableFuture.runAsync(() -> writeInChunks(stream, pattern(TOTAL, 5), null));
            agentMayRead.await();
            agentReceived.complete(stream.input().readAllBytes());
            sending.join();
          };

  @Test
  void payloadsLeaveInTheMessagesTheyArrivedInExactBothWaysWhileOneReaderStalls()
      throws Exception {
    runWithAgentPayloadLimit(FrameLimits.DEFAULT_MAX_PAYLOAD);

    assertEquals(TOTAL / CHUNK, agent.passed.get(), "DATA to the agent, passed on uncopied");
    assertEquals(0, agent.copied.get(), "DATA to the agent, copied");
    assertEquals(TOTAL / CHUNK, client.passed.get(), "DATA to the client, passed on uncopied");
    assertEquals(0, client.copied.get(), "DATA to the client, copied");
  }

  @Test
  void aPayloadLargerThanTheFarEndTakesLeavesInTwoFramesTheSecondCopied() throws Exception {
    runWithAgentPayloadLimit(CHUNK / 2);

    assertEquals(TOTAL / CHUNK, agent.passed.get(), "first halves, passed on uncopied");
    assertEquals(TOTAL / CHUNK, agent.copied.get(), "second halves, copied");
    assertEquals(0, client.copied.get(), "DATA to the client, copied");
  }

  /**
   * The client uploads while the agent does not read, and downloads the agent's bytes meanwhile;
   * then the agent reads. Both ways arrive exact, and the relay never credits an end more than
   * the other end did.
   */
  private void runWithAgentPayloadLimit(int agentMaxPayload) throws Exception {
    TunnelSettings agentSettings = settings.toBuilder().maxPayload(agentMaxPayload).build();
    TunnelConnection relayToAgent = connect(settings, StreamAcceptor.REFUSE_ALL, agentSettings,
        agentService, agent, client);
    TunnelConnection clientSide = connect(settings,
        target -> stream -> Splice.relay(stream, relayToAgent.open(target)).join(),
        settings, StreamAcceptor.REFUSE_ALL, client, agent);
    try {
      TunnelStream stream = clientSide.open("ssh");
      byte[] upload = pattern(TOTAL, 9);
      AtomicLong written = new AtomicLong();
      CompletableFuture<Void> uploading =
          CompletableFuture.runAsync(() -> writeInChunks(stream, upload, written));

      byte[] download = stream.input().readAllBytes(); // while the agent reads nothing
      Thread.sleep(200);
      assertTrue(written.get() <= WINDOW, "the client got credit for " + written.get()
          + " bytes while the agent consumed none");

      agentMayRead.countDown();
      uploading.get(10, TimeUnit.SECONDS);
      assertArrayEquals(upload, agentReceived.get(10, TimeUnit.SECONDS), "client to agent");
      assertArrayEquals(pattern(TOTAL, 5), download, "agent to client");
      assertEquals(List.of(), violations);
      assertTrue(client.relayCredited.get() > 0 && agent.relayCredited.get() > 0,
          "credit was passed through both ways");
    } finally {
      clientSide.close("test over");
      relayToAgent.close("test over");
    }
  }

  /**
   * One tunnel: the relay accepts on {@code relayEnd}, the end dials; returns the side that
   * opens streams (the relay's towards an agent, the client's towards the relay).
   */
  private TunnelConnection connect(TunnelSettings relaySettings, StreamAcceptor relayStreams,
      TunnelSettings endSettings, StreamAcceptor endStreams, Wire wire, Wire far)
      throws IOException {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection relay = TunnelConnection.accept(
        new RelayEnd(pair.left(), wire, far), relaySettings, VERIFIER, relayStreams);
    TunnelConnection end = TunnelConnection.dial(
        new FarEnd(pair.right(), wire), endSettings, PROVER, endStreams);
    relay.awaitHandshake(WAIT);
    end.awaitHandshake(WAIT);
    return wire == agent ? relay : end;
  }

  /** What crossed the link between the relay and one end. */
  private static final class Wire {
    final String end;
    /** Credit the end granted, and the relay granted it. */
    final AtomicLong endCredited = new AtomicLong();

    final AtomicLong relayCredited = new AtomicLong();
    /** DATA the relay sent to the end: in a message it received, or in one of its own. */
    final AtomicInteger passed = new AtomicInteger();

    final AtomicInteger copied = new AtomicInteger();

    Wire(String end) {
      this.end = end;
    }
  }

  /** The relay's side of a link. */
  private final class RelayEnd extends ForwardingTransport {
    private final Wire wire;
    private final Wire far;

    RelayEnd(InMemoryTransport transport, Wire wire, Wire far) {
      super(transport);
      this.wire = wire;
      this.far = far;
    }

    /** Noted before the relay sees it, since it may send the payload on at once. */
    @Override
    public void start(FrameSink sink) {
      super.start(new FrameSink() {
        @Override
        public void onFrame(ByteBuffer frame) {
          relayReceived.add(frame.array());
          sink.onFrame(frame);
        }

        @Override
        public void onClosed(String reason) {
          sink.onClosed(reason);
        }
      });
    }

    @Override
    public void send(ByteBuffer frame) throws IOException {
      Frame decoded = decode(frame);
      if (decoded instanceof Frame.Data) {
        (relayReceived.contains(frame.array()) ? wire.passed : wire.copied).incrementAndGet();
      } else if (decoded instanceof Frame.Window window) {
        long granted = wire.relayCredited.addAndGet(window.increment());
        if (granted > far.endCredited.get()) {
          violations.add("the relay credited the " + wire.end + " " + granted
              + " bytes, the " + far.end + " only " + far.endCredited.get());
        }
      }
      super.send(frame);
    }
  }

  /** An end's side of a link: counts the credit it grants before the relay can see it. */
  private final class FarEnd extends ForwardingTransport {
    private final Wire wire;

    FarEnd(InMemoryTransport transport, Wire wire) {
      super(transport);
      this.wire = wire;
    }

    @Override
    public void send(ByteBuffer frame) throws IOException {
      if (decode(frame) instanceof Frame.Window window) {
        wire.endCredited.addAndGet(window.increment());
      }
      super.send(frame);
    }
  }

  private Frame decode(ByteBuffer frame) {
    try {
      return codec.decode(frame.asReadOnlyBuffer());
    } catch (FrameException e) {
      throw new IllegalStateException("the tunnel sent a malformed frame", e);
    }
  }

  private static void writeInChunks(TunnelStream stream, byte[] bytes, AtomicLong written) {
    try {
      for (int at = 0; at < bytes.length; at += CHUNK) {
        stream.output().write(bytes, at, CHUNK);
        if (written != null) {
          written.addAndGet(CHUNK);
        }
      }
      stream.output().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
