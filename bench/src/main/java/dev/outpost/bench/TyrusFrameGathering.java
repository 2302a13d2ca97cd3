package dev.outpost.bench;

import java.nio.ByteBuffer;
import org.glassfish.tyrus.core.Utils;

/**
 * What the proxy's WebSocket container pays to gather one incoming WebSocket frame, by frame size:
 * Tyrus's read handler appends every network read to what it holds of an unfinished frame with
 * {@code Utils.appendBuffers(held, read, max, 256)}, which allocates the exact sum (rounded to 256
 * bytes) and copies both, so a frame of n bytes arriving in reads of r bytes is copied about
 * n/(2r) times over. Replays that loop for 1 GiB of frames of 16, 64 and 256 KiB in 16 KiB reads
 * (what the servlet layer hands Tyrus), twice, the second round warm; prints seconds per GiB on one
 * thread (wall clock) and bytes copied per byte. See docs/performance.md.
 *
 * <pre>java -cp bench/target/classes:$(tyrus-core jar) dev.outpost.bench.TyrusFrameGathering</pre>
 */
public final class TyrusFrameGathering {
  private static final int READ = 16 * 1024;
  private static final long TOTAL = 1L << 30;
  private static final int MAX_BUFFER = 2 * 1024 * 1024;
  private static final int TYRUS_STEP = 256;

  private TyrusFrameGathering() {}

  public static void main(String[] args) {
    for (int round = 1; round <= 2; round++) {
      for (int frame : new int[] {16 * 1024, 64 * 1024, 256 * 1024}) {
        long start = System.nanoTime();
        long copied = gather(frame);
        System.out.printf("round %d: frames of %3d KiB in %d KiB reads: %.2f s per GiB (wall), %.1f bytes copied per byte%n",
            round, frame / 1024, READ / 1024, (System.nanoTime() - start) / 1e9, copied / (double) TOTAL);
      }
    }
  }

  /** Gathers {@link #TOTAL} bytes of frames of {@code frame} bytes; returns the bytes copied. */
  private static long gather(int frame) {
    long copied = 0;
    for (long done = 0; done < TOTAL; done += frame) {
      ByteBuffer held = null;
      for (int received = 0; received < frame; received += READ) {
        ByteBuffer read = ByteBuffer.allocate(READ);
        if (held != null) {
          copied += held.remaining() + read.remaining();
          read = Utils.appendBuffers(held, read, MAX_BUFFER, TYRUS_STEP);
        }
        held = read;
      }
    }
    return copied;
  }
}
