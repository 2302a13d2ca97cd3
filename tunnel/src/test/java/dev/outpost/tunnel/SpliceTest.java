package dev.outpost.tunnel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.Splice.Transferred;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpliceTest {

  @Test
  void copiesBothWaysAndCountsTheBytes() throws Exception {
    ClosingOutput toA = new ClosingOutput();
    ClosingOutput toB = new ClosingOutput();
    Splice.Side a = Splice.Side.of(new ByteArrayInputStream("abc".getBytes(UTF_8)), toA);
    Splice.Side b = Splice.Side.of(new ByteArrayInputStream("hello".getBytes(UTF_8)), toB);

    Transferred transferred = Splice.start(a, b).get(10, TimeUnit.SECONDS);

    assertEquals(new Transferred(3, 5), transferred);
    assertEquals("abc", toB.toString(UTF_8));
    assertEquals("hello", toA.toString(UTF_8));
    assertTrue(toA.closed && toB.closed, "end of input closes the other side's output");
  }

  @Test
  void anAgentSplicesAStreamToALocalServiceKeepingHalfCloses() throws Exception {
    try (ServerSocket sshd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> service = CompletableFuture.runAsync(() -> answerAfterEof(sshd));
      CompletableFuture<Transferred> spliced = new CompletableFuture<>();
      StreamAcceptor agentStreams =
          target ->
              stream -> {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), sshd.getLocalPort());
                spliced.complete(
                    Splice.start(Splice.Side.of(stream), Splice.Side.of(socket)).join());
              };
      try (TestPeers peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, agentStreams)) {
        TunnelStream stream = peers.proxy.open("ssh");
        TestPeers.writeAndClose(stream.output(), "hello".getBytes(UTF_8));

        assertEquals(
            "read 5 bytes", TestPeers.text(stream.input()), "the answer came after our half-close");
        assertEquals(new Transferred(5, 12), spliced.get(10, TimeUnit.SECONDS));
        service.get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aFailureAbortsBothSidesAndResetsTheStreamWithTheReason() throws Exception {
    CompletableFuture<String> agentSaw = new CompletableFuture<>();
    StreamAcceptor agentStreams =
        target ->
            stream -> {
              try {
                stream.input().read();
              } catch (IOException e) {
                agentSaw.complete(e.getMessage());
              }
            };
    try (TestPeers peers = TestPeers.connect(StreamAcceptor.REFUSE_ALL, agentStreams)) {
      Splice.Side failing =
          Splice.Side.of(new FailingInput("client link down"), new ByteArrayOutputStream());

      CompletableFuture<Transferred> splice =
          Splice.start(Splice.Side.of(peers.proxy.open("ssh")), failing);

      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> splice.get(10, TimeUnit.SECONDS));
      assertEquals("client link down", failed.getCause().getMessage());
      assertEquals("client link down", agentSaw.get(10, TimeUnit.SECONDS));
    }
  }

  private static void answerAfterEof(ServerSocket server) {
    try (Socket socket = server.accept()) {
      int length = socket.getInputStream().readAllBytes().length; // until the half-close
      socket.getOutputStream().write(("read " + length + " bytes").getBytes(UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final class ClosingOutput extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void aReadTakesWhatIsAlreadyWaitingButNeverWaitsForMore() throws IOException {
    byte[] buffer = new byte[8];
    InputStream waiting = new TrickleInput("abcdefghijk".getBytes(UTF_8), 3);

    assertEquals(8, Splice.readWaiting(waiting, buffer), "fills the buffer from what is waiting");
    assertEquals("abcdefgh", new String(buffer, UTF_8));
    assertEquals(3, Splice.readWaiting(waiting, buffer), "the rest");
    assertEquals(-1, Splice.readWaiting(waiting, buffer));

    InputStream keystroke = new TrickleInput("x".getBytes(UTF_8), 1) {
      @Override
      public int available() {
        return 0;
      }
    };
    assertEquals(1, Splice.readWaiting(keystroke, buffer), "nothing more waiting: returns at once");
  }

  /** Hands out at most {@code chunk} bytes per read, as a socket does with what has arrived. */
  private static class TrickleInput extends ByteArrayInputStream {
    private final int chunk;

    TrickleInput(byte[] bytes, int chunk) {
      super(bytes);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }
  }

  private static final class FailingInput extends InputStream {
    private final String reason;

    FailingInput(String reason) {
      this.reason = reason;
    }

    @Override
    public int read() throws IOException {
      throw new IOException(reason);
    }
  }
}
