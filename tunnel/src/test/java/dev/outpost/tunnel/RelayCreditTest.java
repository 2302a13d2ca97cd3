package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A proxy relays a client's stream to an agent's with the credit passed through: each end is
 * credited only what the other end consumed, so the bytes in between are all still held by the
 * end that sent them.
 */
class RelayCreditTest {
  private static final int WINDOW = 64 * 1024;
  private static final int CHUNK = 4 * 1024;

  private final TunnelSettings settings = TunnelSettings.builder().initialWindow(WINDOW).build();
  private final CountDownLatch agentMayRead = new CountDownLatch(1);
  private final CompletableFuture<byte[]> agentReceived = new CompletableFuture<>();

  /** The agent's service: reads once allowed, and sends a pattern of its own. */
  private final StreamAcceptor agentService =
      target ->
          stream -> {
            CompletableFuture<Void> sending =
                CompletableFuture.runAsync(() -> write(stream, pattern(3 * WINDOW, 5)));
            agentMayRead.await();
            agentReceived.complete(stream.input().readAllBytes());
            sending.join();
          };

  @Test
  void theClientMaySendOnlyWhatTheAgentCreditsAndEverythingArrives() throws Exception {
    try (TestPeers agentLink = TestPeers.connect(settings, StreamAcceptor.REFUSE_ALL, settings,
            agentService);
        TestPeers clientLink = TestPeers.connect(settings, relayTo(agentLink), settings,
            StreamAcceptor.REFUSE_ALL)) {
      TunnelStream client = clientLink.agent.open("ssh");
      byte[] upload = pattern(3 * WINDOW, 9);
      AtomicLong written = new AtomicLong();
      CompletableFuture<Void> uploading =
          CompletableFuture.runAsync(() -> writeCounting(client, upload, written));

      Eventually.await("the client's writer stalls", () -> written.get() >= WINDOW - CHUNK);
      Thread.sleep(300);
      assertTrue(
          written.get() <= WINDOW,
          "the client got credit for " + written.get() + " bytes while the agent read none: "
              + "the proxy must credit only what the agent consumed");

      agentMayRead.countDown();
      byte[] download = client.input().readAllBytes();
      uploading.get(10, TimeUnit.SECONDS);
      assertArrayEquals(upload, agentReceived.get(10, TimeUnit.SECONDS), "client to agent");
      assertArrayEquals(pattern(3 * WINDOW, 5), download, "agent to client");
    }
  }

  @Test
  void onlyStreamsOfTunnelConnectionsCanBeRelayed() {
    TunnelStream foreign = new TunnelStream() {
      @Override
      public int id() {
        return 1;
      }

      @Override
      public String target() {
        return "x";
      }

      @Override
      public java.io.InputStream input() {
        return java.io.InputStream.nullInputStream();
      }

      @Override
      public java.io.OutputStream output() {
        return java.io.OutputStream.nullOutputStream();
      }

      @Override
      public void reset(String reason) {}

      @Override
      public void close() {}
    };
    assertThrows(IllegalArgumentException.class, () -> Splice.relay(foreign, foreign));
  }

  /** The proxy's side of the client tunnel: each stream opens one to the agent and relays. */
  private static StreamAcceptor relayTo(TestPeers agentLink) {
    return target -> client -> Splice.relay(client, agentLink.proxy.open(target)).join();
  }

  private static void write(TunnelStream stream, byte[] bytes) {
    try {
      TestPeers.writeAndClose(stream.output(), bytes);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  private static void writeCounting(TunnelStream stream, byte[] bytes, AtomicLong written) {
    try {
      for (int at = 0; at < bytes.length; at += CHUNK) {
        stream.output().write(bytes, at, CHUNK);
        written.addAndGet(CHUNK);
      }
      stream.output().close();
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
