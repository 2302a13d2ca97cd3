package dev.outpost.web.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TypedAheadTest {
  private final ExecutorService writers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    writers.shutdownNow();
  }

  @Test
  void offersReturnAtOnceWhileTheShellIsBlockedAndArriveInOrderOnceItMoves() throws Exception {
    CountDownLatch window = new CountDownLatch(1);
    GatedShell shell = new GatedShell(window);
    TypedAhead typed = new TypedAhead(shell, writers, why -> {});
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      String keys = "line " + i + "\n";
      expected.append(keys);
      assertTrue(typed.offer(keys.getBytes(StandardCharsets.UTF_8)));
    }
    assertEquals("", shell.received(), "nothing passes while the shell's window is closed");

    window.countDown();
    shell.awaitLength(expected.length());
    assertEquals(expected.toString(), shell.received());
  }

  @Test
  void inputPastTheLimitIsRefusedAndWhatWasQueuedStays() {
    CountDownLatch never = new CountDownLatch(1);
    TypedAhead typed = new TypedAhead(new GatedShell(never), writers, why -> {});
    byte[] mebibyte = new byte[1024 * 1024];
    for (int i = 0; i < TypedAhead.LIMIT / mebibyte.length; i++) {
      assertTrue(typed.offer(mebibyte), "up to the limit is queued");
    }
    assertFalse(typed.offer(new byte[1]), "one byte past the limit is refused");
  }

  @Test
  void aFailedWriteIsReportedWithItsReason() throws Exception {
    CompletableFuture<String> failure = new CompletableFuture<>();
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("channel closed");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("channel closed");
      }
    };
    new TypedAhead(closed, writers, failure::complete).offer(new byte[] {'x'});
    assertEquals("channel closed", failure.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aByteSplitAcrossOffersIsWrittenWhole() throws Exception {
    CountDownLatch open = new CountDownLatch(0);
    GatedShell shell = new GatedShell(open);
    TypedAhead typed = new TypedAhead(shell, writers, why -> {});
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    typed.offer(new byte[] {euro[0]});
    typed.offer(new byte[] {euro[1], euro[2]});
    shell.awaitLength(3);
    assertArrayEquals(euro, shell.bytes());
  }

  /** A shell whose writes wait until its window opens. */
  private static final class GatedShell extends OutputStream {
    private final CountDownLatch window;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    GatedShell(CountDownLatch window) {
      this.window = window;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        window.await();
      } catch (InterruptedException e) {
        throw new IOException("interrupted", e);
      }
      synchronized (bytes) {
        bytes.write(b, off, len);
        bytes.notifyAll();
      }
    }

    byte[] bytes() {
      synchronized (bytes) {
        return bytes.toByteArray();
      }
    }

    String received() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    void awaitLength(int length) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      synchronized (bytes) {
        while (bytes.size() < length && System.nanoTime() < deadline) {
          bytes.wait(100);
        }
      }
    }
  }
}
