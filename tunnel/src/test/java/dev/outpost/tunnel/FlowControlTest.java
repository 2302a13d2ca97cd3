package dev.outpost.tunnel;

import static dev.outpost.tunnel.TestPeers.ECHO;
import static dev.outpost.tunnel.TestPeers.VERIFIER;
import static dev.outpost.tunnel.TestPeers.pattern;
import static dev.outpost.tunnel.TestPeers.readAll;
import static dev.outpost.tunnel.TestPeers.writeAndClose;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowControlTest {
  private static final int WINDOW = 64 * 1024;
  private static final TunnelSettings SMALL_WINDOW =
      TunnelSettings.builder().initialWindow(WINDOW).maxPayload(16 * 1024).build();

  private TestPeers peers;

  @AfterEach
  void closePeers() {
    if (peers != null) {
      peers.close();
    }
  }

  @Test
  void aStalledReaderBlocksOnlyItsOwnWriter() throws Exception {
    CompletableFuture<TunnelStream> stalled = new CompletableFuture<>();
    CountDownLatch resume = new CountDownLatch(1);
    peers =
        TestPeers.connect(
            SMALL_WINDOW,
            StreamAcceptor.REFUSE_ALL,
            SMALL_WINDOW,
            target ->
                target.equals("stall")
                    ? stream -> stallThenRead(stream, stalled, resume)
                    : ECHO.accept(target));
    byte[] bulk = pattern(1 << 20, 1);
    TunnelStream bulkStream = peers.proxy.open("stall");
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(() -> writeCounting(bulkStream, bulk, written));
    TunnelStream receiving = stalled.get(10, TimeUnit.SECONDS);

    Eventually.await("the writer used up the window", () -> written.get() == WINDOW);
    Eventually.await("the window arrived", () -> available(receiving) == WINDOW);
    assertFalse(writer.isDone(), "the writer waits for credit");

    TunnelStream other = peers.proxy.open("echo");
    byte[] small =
        pattern(300_000, 2); // several windows' worth: credit keeps flowing on this stream
    CompletableFuture.runAsync(() -> writeQuietly(other, small));
    assertArrayEquals(small, readAll(other), "other streams flow while one is stalled");
    assertEquals(WINDOW, written.get(), "the stalled stream stayed blocked meanwhile");
    assertEquals(WINDOW, available(receiving), "the receiver buffers one window, no more");

    resume.countDown();
    writer.get(10, TimeUnit.SECONDS);
    assertEquals(bulk.length, written.get());
  }

  @Test
  void aResetUnblocksAWriterWaitingForCredit() throws Exception {
    CompletableFuture<TunnelStream> stalled = new CompletableFuture<>();
    peers =
        TestPeers.connect(
            SMALL_WINDOW,
            StreamAcceptor.REFUSE_ALL,
            SMALL_WINDOW,
            target -> stream -> stallThenRead(stream, stalled, new CountDownLatch(1)));
    TunnelStream stream = peers.proxy.open("stall");
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(() -> writeCounting(stream, new byte[1 << 20], written));
    Eventually.await("the writer used up the window", () -> written.get() == WINDOW);

    stalled.get(10, TimeUnit.SECONDS).reset("disk full");

    Exception failed = assertThrows(Exception.class, () -> writer.get(10, TimeUnit.SECONDS));
    assertEquals("disk full", rootCause(failed).getMessage());
    assertTrue(rootCause(failed) instanceof StreamRefusedException);
  }

  @Test
  void creditReturnsInBatchesOfHalfAWindow() {
    RawPeer agent =
        rawAgentAgainstProxy(
            target -> stream -> stream.input().transferTo(java.io.OutputStream.nullOutputStream()));
    agent.send(new Frame.Open(1, "sink"));
    agent.expect(Frame.OpenOk.class);

    agent.send(new Frame.Data(1, ByteBuffer.allocate(WINDOW / 4)));
    agent.send(new Frame.Data(1, ByteBuffer.allocate(WINDOW / 4 - 1)));
    agent.assertAlive(); // a PONG and no WINDOW: less than half a window was read
    agent.send(new Frame.Data(1, ByteBuffer.allocate(1)));

    assertEquals(new Frame.Window(1, WINDOW / 2), agent.expect(Frame.Window.class));
  }

  @Test
  void aLargeWindowStillCreditsEvery128KiB() {
    int batch = StreamInput.MAX_CREDIT_BATCH;
    TunnelSettings largeWindow =
        TunnelSettings.builder().initialWindow(8 * batch).maxPayload(batch / 2).build();
    RawPeer agent =
        rawAgentAgainstProxy(
            largeWindow,
            target -> stream -> stream.input().transferTo(java.io.OutputStream.nullOutputStream()));
    agent.send(new Frame.Open(1, "sink"));
    agent.expect(Frame.OpenOk.class);

    agent.send(new Frame.Data(1, ByteBuffer.allocate(batch / 2)));
    agent.send(new Frame.Data(1, ByteBuffer.allocate(batch / 2 - 1)));
    agent.assertAlive(); // a PONG and no WINDOW: less than a batch was read
    agent.send(new Frame.Data(1, ByteBuffer.allocate(1)));

    assertEquals(new Frame.Window(1, batch), agent.expect(Frame.Window.class));
  }

  @Test
  void dataBeyondTheWindowResetsOnlyThatStream() {
    RawPeer agent = rawAgentAgainstProxy(target -> stream -> new CountDownLatch(1).await());
    agent.send(new Frame.Open(1, "never-reads"));
    agent.expect(Frame.OpenOk.class);
    for (int sent = 0; sent < WINDOW; sent += 16 * 1024) {
      agent.send(new Frame.Data(1, ByteBuffer.allocate(16 * 1024)));
    }
    agent.send(new Frame.Data(1, ByteBuffer.allocate(1)));

    Frame.Reset reset = agent.expect(Frame.Reset.class);
    assertEquals(
        new Frame.Reset(1, ErrorCode.FLOW_CONTROL, "flow control window exceeded on stream 1"),
        reset);
    agent.assertAlive();
    agent.send(
        new Frame.Data(1, ByteBuffer.allocate(1))); // in flight before the RESET arrived: ignored
    agent.send(new Frame.Open(3, "next"));
    agent.expect(Frame.OpenOk.class);
  }

  @Test
  void aWindowOverflowResetsOnlyThatStream() {
    RawPeer agent = rawAgentAgainstProxy(target -> stream -> new CountDownLatch(1).await());
    agent.send(new Frame.Open(1, "x"));
    agent.expect(Frame.OpenOk.class);
    agent.send(new Frame.Window(1, Integer.MAX_VALUE));

    assertEquals(
        new Frame.Reset(
            1,
            ErrorCode.FLOW_CONTROL,
            "flow control window overflow on stream 1: credit would exceed 2^31-1"),
        agent.expect(Frame.Reset.class));
    agent.assertAlive();
  }

  @Test
  void writesAreCutToThePeersPayloadLimitAndCredit() throws IOException {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    RawPeer proxy = RawPeer.on(pair.left());
    TunnelConnection agent =
        TunnelConnection.dial(
            pair.right(), TunnelSettings.defaults(), TestPeers.PROVER, StreamAcceptor.REFUSE_ALL);
    proxy.acceptHandshake();
    agent.awaitHandshake(TestPeers.WAIT);
    CompletableFuture<TunnelStream> opening =
        CompletableFuture.supplyAsync(() -> openQuietly(agent));
    assertEquals(new Frame.Open(1, "upload"), proxy.expect(Frame.Open.class));
    proxy.send(new Frame.OpenOk(1));
    TunnelStream stream = opening.join();

    CompletableFuture.runAsync(() -> writeQuietly(stream, new byte[RawPeer.WINDOW + 10]));

    int received = 0;
    while (received < RawPeer.WINDOW) {
      Frame.Data data = proxy.expect(Frame.Data.class);
      assertTrue(data.length() <= 64 * 1024, "DATA within the peer's max payload");
      received += data.length();
    }
    assertEquals(RawPeer.WINDOW, received, "exactly the granted credit, no more");
    proxy.send(new Frame.Window(1, 10));
    assertEquals(10, proxy.expect(Frame.Data.class).length());
    proxy.expect(Frame.Close.class);
  }

  private RawPeer rawAgentAgainstProxy(StreamAcceptor streams) {
    return rawAgentAgainstProxy(SMALL_WINDOW, streams);
  }

  private RawPeer rawAgentAgainstProxy(TunnelSettings proxySettings, StreamAcceptor streams) {
    InMemoryTransport.Pair pair = InMemoryTransport.pair();
    TunnelConnection.accept(pair.left(), proxySettings, VERIFIER, streams);
    RawPeer agent = RawPeer.on(pair.right());
    agent.dialHandshake();
    return agent;
  }

  private static void stallThenRead(
      TunnelStream stream, CompletableFuture<TunnelStream> stalled, CountDownLatch resume)
      throws Exception {
    stalled.complete(stream);
    resume.await();
    stream.input().transferTo(java.io.OutputStream.nullOutputStream());
  }

  private static int available(TunnelStream stream) {
    try {
      return stream.input().available();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeCounting(TunnelStream stream, byte[] bytes, AtomicLong written) {
    try {
      for (int offset = 0; offset < bytes.length; offset += 4096) {
        stream.output().write(bytes, offset, 4096);
        written.addAndGet(4096);
      }
      stream.output().close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeQuietly(TunnelStream stream, byte[] bytes) {
    try {
      writeAndClose(stream.output(), bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TunnelStream openQuietly(TunnelConnection tunnel) {
    try {
      return tunnel.open("upload");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
