package dev.outpost.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies bytes both ways between two sides until both directions end, keeping half-closes: end of
 * input on one side closes only the other side's output, so the other direction carries on (an SSH
 * client that sends EOF still reads the remote exit status). When a direction fails, both sides are
 * aborted at once so that neither copy blocks forever; the reason travels on as the stream reset.
 *
 * <p>Used by the proxy (client stream to agent stream, {@link #relay}), the agent (tunnel stream to
 * local socket) and the CLI (stream to stdin/stdout or a loopback socket). Each direction runs on a
 * thread of its own and copies through one buffer of {@link #BUFFER_SIZE}, except a relay's, which
 * passes received payloads on as they are.
 */
public final class Splice {

  /**
   * 64 KiB: every session holds one per direction, on agents with small heaps too (50 terminals
   * with 256 KiB buffers exhausted a 48 MiB agent heap). A tunnel stream copies each read into a
   * DATA message of its size, so the buffer itself is reused, never kept.
   */
  public static final int BUFFER_SIZE = 64 * 1024;

  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(new NamedDaemonThreads("splice"));

  private final Side a;
  private final Side b;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  private Splice(Side a, Side b) {
    this.a = a;
    this.b = b;
  }

  /** Bytes copied in each direction. */
  public record Transferred(long aToB, long bToA) {}

  /**
   * {@link #start(Side, Side, Executor)} on a shared pool of daemon threads named {@code splice-N}.
   */
  public static CompletableFuture<Transferred> start(Side a, Side b) {
    return start(a, b, THREADS);
  }

  /**
   * Starts copying {@code a} to {@code b} and {@code b} to {@code a}, one task each on {@code
   * executor}. Completes when both directions reached end of input (both sides are then closed), or
   * exceptionally with the first failure (both sides are then aborted).
   */
  public static CompletableFuture<Transferred> start(Side a, Side b, Executor executor) {
    return start(a, b, executor, () -> copy(a, b), () -> copy(b, a));
  }

  private static CompletableFuture<Transferred> start(
      Side a, Side b, Executor executor, Direction forth, Direction back) {
    Splice splice = new Splice(a, b);
    CompletableFuture<Long> aToB = CompletableFuture.supplyAsync(() -> splice.pump(forth), executor);
    CompletableFuture<Long> bToA = CompletableFuture.supplyAsync(() -> splice.pump(back), executor);
    CompletableFuture<Transferred> result = new CompletableFuture<>();
    aToB.thenCombine(bToA, Transferred::new)
        .whenComplete((done, failure) -> splice.finish(done, failure, result));
    return result;
  }

  /**
   * Splices two tunnel streams end to end, as the proxy joins a client's stream to an agent's,
   * with the credit passed through: each peer is credited only what the other peer consumed. Each
   * end therefore keeps every byte the other end has not consumed in its replay buffer, and the
   * relay in between holds nothing that the ends cannot rebuild: should it die, the ends resume
   * through another one (docs/tunnel.md, "End-to-end resume"). The payloads pass without a copy
   * ({@link PassThrough}).
   */
  public static CompletableFuture<Transferred> relay(TunnelStream a, TunnelStream b) {
    if (!(a instanceof MultiplexedStream first) || !(b instanceof MultiplexedStream second)) {
      throw new IllegalArgumentException("only streams of tunnel connections can be relayed");
    }
    return start(Side.of(a), Side.of(b), THREADS,
        new PassThrough(first, second), new PassThrough(second, first));
  }

  /** One direction of a splice. */
  interface Direction {
    /** Moves bytes until the input ends, then half-closes the output; returns how many. */
    long carry() throws IOException;
  }

  private long pump(Direction direction) {
    try {
      return direction.carry();
    } catch (IOException | RuntimeException e) {
      abort(e);
      throw new CompletionException(e);
    }
  }

  private static long copy(Side from, Side to) throws IOException {
    InputStream in = from.input();
    OutputStream out = to.output();
    byte[] buffer = new byte[BUFFER_SIZE];
    long total = 0;
    for (int n = readWaiting(in, buffer); n >= 0; n = readWaiting(in, buffer)) {
      out.write(buffer, 0, n);
      out.flush();
      total += n;
    }
    to.closeOutput();
    return total;
  }

  /**
   * Blocks for the first bytes, then takes what else is already waiting, up to the buffer: a bulk
   * transfer leaves in few large frames (each message costs the receiving side a fixed amount,
   * see docs/performance.md), while a lone keystroke still leaves at once.
   */
  static int readWaiting(InputStream in, byte[] buffer) throws IOException {
    int n = in.read(buffer);
    while (n > 0 && n < buffer.length) {
      int waiting = Math.min(in.available(), buffer.length - n);
      int more = waiting > 0 ? in.read(buffer, n, waiting) : -1;
      if (more <= 0) {
        break;
      }
      n += more;
    }
    return n;
  }

  /** The first failure aborts both sides, which makes the other direction fail too. */
  private void abort(Exception cause) {
    if (firstFailure.compareAndSet(null, cause)) {
      String reason = Reasons.describe(cause);
      a.abort(reason);
      b.abort(reason);
    }
  }

  /**
   * Completes with the counts, or with the first failure rather than its echo in the other
   * direction.
   */
  private void finish(Transferred done, Throwable failure, CompletableFuture<Transferred> result) {
    if (failure != null) {
      Exception first = firstFailure.get();
      result.completeExceptionally(first != null ? first : failure);
      return;
    }
    SpliceSides.closeQuietly(a);
    SpliceSides.closeQuietly(b);
    result.complete(done);
  }

  /** One end of a splice: a byte source, a byte sink, and how to close them. */
  public interface Side extends Closeable {

    InputStream input();

    OutputStream output();

    /** No more bytes will be written to this side (half-close). */
    void closeOutput() throws IOException;

    /** Ends both directions at once because the splice failed; must not throw. */
    void abort(String reason);

    /** Releases the side once both directions ended. */
    @Override
    void close() throws IOException;

    /** A tunnel stream: half-close sends CLOSE, abort resets the stream with the reason. */
    static Side of(TunnelStream stream) {
      return new SpliceSides.StreamSide(stream, stream.input());
    }

    /**
     * A tunnel stream whose first bytes were read through {@code bufferedInput} (e.g. a message
     * head): the splice goes on reading there, so nothing already buffered is lost.
     */
    static Side of(TunnelStream stream, InputStream bufferedInput) {
      return new SpliceSides.StreamSide(stream, bufferedInput);
    }

    /** A connected TCP socket: half-close shuts down its output, abort closes it. */
    static Side of(Socket socket) throws IOException {
      return SpliceSides.SocketSide.of(socket);
    }

    /** A pair of streams, such as stdin and stdout: half-close and abort close them. */
    static Side of(InputStream input, OutputStream output) {
      return new SpliceSides.PipeSide(input, output);
    }
  }
}
