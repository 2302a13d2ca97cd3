package dev.outpost.tunnel.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.FrameTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {
  private final InMemoryTransport.Pair pair = InMemoryTransport.pair();

  @Test
  void deliversInOrderIncludingFramesSentBeforeStart() throws Exception {
    pair.left().send(bytes(1));
    Recorder right = new Recorder();
    pair.right().start(right);
    pair.left().send(bytes(2));
    assertEquals(1, right.next());
    assertEquals(2, right.next());
  }

  @Test
  void copiesFramesSoSendersMayReuseTheirBuffers() throws Exception {
    Recorder right = new Recorder();
    pair.right().start(right);
    ByteBuffer buffer = bytes(1);
    pair.left().send(buffer);
    buffer.put(0, (byte) 9);
    assertEquals(1, right.next());
  }

  @Test
  void closingEitherEndClosesBoth() throws Exception {
    Recorder left = new Recorder();
    Recorder right = new Recorder();
    pair.left().start(left);
    pair.right().start(right);
    pair.right().close("bye");
    pair.left().close("again");
    assertEquals("bye", left.closed.get(10, TimeUnit.SECONDS));
    assertEquals("bye", right.closed.get(10, TimeUnit.SECONDS));
    assertTrue(pair.left().isClosed());
    IOException refused = assertThrows(IOException.class, () -> pair.left().send(bytes(3)));
    assertEquals("in-memory transport is closed", refused.getMessage());
  }

  @Test
  void startsOnce() {
    pair.left().start(new Recorder());
    assertThrows(IllegalStateException.class, () -> pair.left().start(new Recorder()));
  }

  private static ByteBuffer bytes(int value) {
    return ByteBuffer.wrap(new byte[] {(byte) value});
  }

  private static final class Recorder implements FrameTransport.FrameSink {
    final BlockingQueue<Integer> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();

    int next() throws InterruptedException {
      return frames.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public void onFrame(ByteBuffer frame) {
      frames.add((int) frame.get(0));
    }

    @Override
    public void onClosed(String reason) {
      closed.complete(reason);
    }
  }
}
