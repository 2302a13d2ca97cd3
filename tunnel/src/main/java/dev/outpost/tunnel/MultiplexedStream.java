package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One stream of a {@link TunnelConnection}: a receive buffer, a send credit and the lifecycle that
 * ties them. The stream is released from its connection once both directions are closed, or at once
 * when either side resets it.
 *
 * <p>{@code on*} methods are called by the connection's reader thread; they never block.
 */
final class MultiplexedStream implements TunnelStream {
  private final int id;
  private final String target;
  private volatile Outbox outbox;
  private final Consumer<MultiplexedStream> onRelease;
  private final StreamInput input;
  private final SendCredit credit;
  private final StreamOutput output;
  private final CompletableFuture<Void> accepted = new CompletableFuture<>();
  private boolean inputEnded;
  private boolean outputClosed;
  private boolean released;

  MultiplexedStream(
      int id,
      String target,
      FlowSettings flow,
      boolean resumable,
      Outbox outbox,
      Consumer<MultiplexedStream> onRelease) {
    this.id = id;
    this.target = target;
    this.outbox = outbox;
    this.onRelease = onRelease;
    this.input =
        new StreamInput(
            flow.receiveWindow(),
            increment -> this.outbox.control(new Frame.Window(id, increment)));
    // Two frames may wait in the outbox: one being written while the next is prepared.
    this.credit = new SendCredit(flow.sendWindow(), 2 * flow.maxChunk());
    this.output =
        new StreamOutput(id, credit, flow, resumable, outbox, this::onOutputClosed);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return output;
  }

  @Override
  public void reset(String reason) {
    reset(ErrorCode.CANCELLED, reason);
  }

  @Override
  public void close() {
    output.close();
    input.close();
  }

  @Override
  public String toString() {
    return "stream " + id + " (" + target + ")";
  }

  /** Resets the stream, telling the peer why; later local reads and writes fail. */
  void reset(ErrorCode code, String reason) {
    if (markReleased()) {
      outbox.control(new Frame.Reset(id, code, reason));
      fail(new IOException("stream reset: " + reason));
      onRelease.accept(this);
    }
  }

  /** The peer accepted the stream this side opened. */
  void onOpenOk() throws ProtocolViolation {
    if (!accepted.complete(null)) {
      throw ProtocolViolation.ofStream(
          id, ErrorCode.PROTOCOL, "unexpected OPEN_OK: stream " + id + " is already open");
    }
  }

  /** The stream was opened by the peer, so it needs no OPEN_OK. */
  void markAccepted() {
    accepted.complete(null);
  }

  void onData(ByteBuffer payload) throws ProtocolViolation {
    synchronized (this) {
      if (inputEnded) {
        throw ProtocolViolation.ofStream(
            id, ErrorCode.PROTOCOL, "DATA after CLOSE on stream " + id);
      }
    }
    if (!input.offer(payload)) {
      throw ProtocolViolation.ofStream(
          id, ErrorCode.FLOW_CONTROL, "flow control window exceeded on stream " + id);
    }
  }

  void onWindow(int increment) throws ProtocolViolation {
    output.acknowledge(increment);
    if (!credit.grant(increment)) {
      throw ProtocolViolation.ofStream(
          id,
          ErrorCode.FLOW_CONTROL,
          "flow control window overflow on stream " + id + ": credit would exceed 2^31-1");
    }
  }

  void onClose() throws ProtocolViolation {
    synchronized (this) {
      if (inputEnded) {
        throw ProtocolViolation.ofStream(
            id, ErrorCode.PROTOCOL, "CLOSE received twice on stream " + id);
      }
      inputEnded = true;
    }
    input.end();
    releaseIfDone();
  }

  /** The peer reset (or refused) the stream; {@code reason} is its own words. */
  void onReset(String reason) {
    if (markReleased()) {
      fail(new StreamRefusedException(reason));
      onRelease.accept(this);
    }
  }

  /** Whether the peer has accepted the stream: only such a stream can outlive its connection. */
  boolean isAccepted() {
    return accepted.isDone() && !accepted.isCompletedExceptionally();
  }

  /** How far this side received the stream, for a RESUME. */
  synchronized Frame.ResumePoint resumePoint() {
    return new Frame.ResumePoint(id, input.received(), input.credited(), inputEnded);
  }

  /**
   * Relays credit from {@code far}, the stream this one's bytes are spliced to: this stream's peer
   * gets credit only as {@code far}'s peer consumes, so it keeps every byte the far peer has not
   * consumed for a replay.
   */
  void creditFrom(MultiplexedStream far) {
    input.relayCredit();
    far.output.onConsumedByPeer(input::relayCredit);
  }

  /** Bytes kept for a replay, should the connection be lost. */
  long replayHeld() {
    return output.held();
  }

  /** Checks the peer's RESUME point for this stream; see {@link StreamOutput#checkResume}. */
  void checkResume(Frame.ResumePoint peer) throws ProtocolViolation {
    output.checkResume(peer);
  }

  /** Moves the stream onto a resumed connection's outbox and replays what the peer missed. */
  void resume(Outbox next, Frame.ResumePoint peer) {
    outbox = next;
    output.resume(next, peer);
  }

  /** Fails everything still waiting on the stream, without telling the peer. */
  void fail(IOException cause) {
    synchronized (this) {
      released = true;
    }
    // Writers first: a caller that sees its read fail must find writing failed too.
    credit.fail(cause);
    input.fail(cause);
    accepted.completeExceptionally(cause);
  }

  /** Waits until the peer accepts the stream this side opened. */
  void awaitAccepted(Duration timeout) throws IOException {
    try {
      accepted.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      reset(ErrorCode.TIMEOUT, "no answer to OPEN within " + timeout);
      throw new IOException("peer did not answer OPEN " + target + " within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reset(ErrorCode.CANCELLED, "opener interrupted");
      throw new InterruptedIOException("interrupted while opening " + target);
    } catch (ExecutionException e) {
      throw (IOException) e.getCause();
    }
  }

  private void onOutputClosed() {
    synchronized (this) {
      outputClosed = true;
    }
    releaseIfDone();
  }

  private void releaseIfDone() {
    boolean release;
    synchronized (this) {
      release = inputEnded && outputClosed && !released;
      released |= release;
    }
    if (release) {
      onRelease.accept(this);
    }
  }

  private synchronized boolean markReleased() {
    if (released) {
      return false;
    }
    released = true;
    return true;
  }
}
