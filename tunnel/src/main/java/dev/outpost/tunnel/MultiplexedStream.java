package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One stream of a {@link TunnelConnection}: a receive buffer, a send credit and the lifecycle that
 * ties them. The stream is released from its connection once both directions are closed, or at once
 * when either side resets it.
 *
 * <p>{@code on*} methods are called by the connection's reader thread; they never block.
 */
final class MultiplexedStream implements TunnelStream {
  private volatile int id;
  private final String target;
  private volatile Outbox outbox;
  private volatile Consumer<MultiplexedStream> onRelease;
  private final StreamInput input;
  private final SendCredit credit;
  private final StreamOutput output;
  private final FlowSettings flow;
  /** Completes when the peer first accepts the stream, with what it accepted it as. */
  private final CompletableFuture<String> accepted = new CompletableFuture<>();

  /** The current connection's answer to this side's OPEN: a resumed stream opens again. */
  private volatile CompletableFuture<String> answered = accepted;
  private boolean inputEnded;
  private boolean outputClosed;
  private boolean released;

  /** After an end-to-end resume: the peer may send CLOSE once more, replaying. */
  private boolean closeMayRepeat;

  /** Set for an end-to-end stream: its name and owner, for a resume through another relay. */
  private volatile StreamKey key;

  private volatile StreamOwner owner;

  MultiplexedStream(
      int id,
      String target,
      FlowSettings flow,
      boolean resumable,
      StreamStart start,
      Outbox outbox,
      Consumer<MultiplexedStream> onRelease) {
    this.id = id;
    this.target = target;
    this.flow = flow;
    this.outbox = outbox;
    this.onRelease = onRelease;
    this.input =
        new StreamInput(
            flow.receiveWindow(),
            start,
            windows(outbox, id));
    // Two frames may wait in the outbox: one being written while the next is prepared.
    this.credit =
        new SendCredit(start.peerCredited() + flow.sendWindow(), start.sent(), 2 * flow.maxChunk());
    this.output =
        new StreamOutput(id, credit, flow, resumable, start, outbox, this::onOutputClosed);
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
  public StreamInput input() {
    return input;
  }

  @Override
  public StreamOutput output() {
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

  /** The peer accepted the stream this side opened, as {@code how} (usually empty). */
  void onOpenOk(String how) throws ProtocolViolation {
    boolean awaited = answered.complete(how);
    accepted.complete(how);
    if (!awaited) {
      throw ProtocolViolation.ofStream(
          id, ErrorCode.PROTOCOL, "unexpected OPEN_OK: stream " + id + " is already open");
    }
  }

  /** The stream was opened by the peer, so it needs no OPEN_OK. */
  void markAccepted() {
    accepted.complete("");
  }

  /**
   * The OPEN this side sent again will not be answered (the connection went away while the stream
   * resumed): its waiter fails with {@code cause}, the stream itself lives on.
   */
  void abandonAnswer(IOException cause) {
    answered.completeExceptionally(cause);
  }

  @Override
  public String acceptedAs() {
    return accepted.getNow("");
  }

  void onData(ByteBuffer payload) throws ProtocolViolation {
    synchronized (this) {
      if (inputEnded && !input.replaying()) {
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
      if (inputEnded && closeMayRepeat) {
        closeMayRepeat = false;
        return;
      }
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

  /** Makes this an end-to-end stream: it may resume through another relay, for its owner only. */
  void endToEnd(StreamKey name, StreamOwner by) {
    owner = by;
    key = name;
  }

  /** The end-to-end stream's key, or null for a stream of one hop. */
  StreamKey key() {
    return key;
  }

  /** Who the end-to-end stream belongs to, or null for a stream of one hop. */
  StreamOwner owner() {
    return owner;
  }

  /**
   * Checks the other end's account of this end-to-end stream, on the end that did not send it.
   *
   * @throws ProtocolViolation (on stream {@code streamId}) saying what does not add up
   */
  void checkEndToEnd(int streamId, EndToEndPoint peer, FlowSettings next)
      throws ProtocolViolation {
    if (!flow.equals(next)) {
      throw ProtocolViolation.ofStream(
          streamId, ErrorCode.REFUSED, "resume refused: the flow settings changed");
    }
    if (peer.replayFrom() > input.credited()) {
      throw ProtocolViolation.ofStream(
          streamId,
          ErrorCode.PROTOCOL,
          "resume refused: replay from " + peer.replayFrom() + " is beyond the "
              + input.credited() + " bytes credited");
    }
    try {
      output.checkResume(asResumePoint(peer));
    } catch (ProtocolViolation violation) {
      throw ProtocolViolation.ofStream(
          streamId, ErrorCode.PROTOCOL, "resume refused: " + violation.getMessage());
    }
  }

  /**
   * Carries this end-to-end stream on as stream {@code newId} of another connection, whose table
   * releases it through {@code release}; {@code opening} if this side sends the OPEN (and waits
   * for the answer again), not if it answers one.
   */
  void renumber(int newId, Outbox next, Consumer<MultiplexedStream> release, boolean opening) {
    synchronized (this) {
      closeMayRepeat = inputEnded;
    }
    if (opening) {
      answered = new CompletableFuture<>();
    }
    id = newId;
    output.renumber(newId);
    outbox = next;
    onRelease = release;
  }

  /**
   * The end that did not send {@code peer} ({@link #checkEndToEnd} accepted it): replays what the
   * other end did not receive, and credits again what it credited but the other end never heard.
   */
  void resumeFarEnd(Outbox next, EndToEndPoint peer) {
    output.resume(next, asResumePoint(peer));
    int again = input.replayFrom(peer.replayFrom(), windows(next, id));
    if (again > 0) {
      next.control(new Frame.Window(id, again));
    }
  }

  /**
   * The end that sends its point: opens {@code target} with the point appended on {@code next},
   * then replays everything the other end has not credited, as far as this end heard (the other
   * end drops what it already has), then CLOSE again if it closed. The point and the replay agree:
   * a credit that arrives meanwhile cannot move the replay's start.
   */
  void reopenThisEnd(Outbox next, String target) {
    int streamId = id;
    HeldCredit held = new HeldCredit(); // no WINDOW may overtake the OPEN
    StreamInput.Position at = input.creditTo(held);
    boolean ended;
    synchronized (this) {
      ended = inputEnded;
    }
    output.resumeFrom(next, from -> next.control(new Frame.Open(streamId, target + "&"
        + new EndToEndPoint(at.received(), at.credited(), from, ended).fields())));
    held.release(windows(next, streamId));
  }

  /** Credit as WINDOW frames for stream {@code streamId} on {@code via}. */
  private static IntConsumer windows(Outbox via, int streamId) {
    return increment -> via.control(new Frame.Window(streamId, increment));
  }

  /** Credit held back until {@link #release}, then passed on in order. */
  private static final class HeldCredit implements IntConsumer {
    private IntConsumer to;
    private long held;

    @Override
    public synchronized void accept(int bytes) {
      if (to == null) {
        held += bytes;
      } else {
        to.accept(bytes);
      }
    }

    synchronized void release(IntConsumer target) {
      to = target;
      if (held > 0) {
        target.accept((int) held); // at most a window
      }
      held = 0;
    }
  }

  private Frame.ResumePoint asResumePoint(EndToEndPoint peer) {
    return new Frame.ResumePoint(id, peer.received(), peer.credited(), peer.ended());
  }

  /** Bytes kept for a replay, should the connection be lost. */
  long replayHeld() {
    return output.held();
  }

  /** Checks the peer's RESUME point for this stream; see {@link StreamOutput#checkResume}. */
  void checkResume(Frame.ResumePoint peer) throws ProtocolViolation {
    output.checkResume(peer);
  }

  /**
   * Moves the stream onto a resumed connection's outbox and replays what the peer missed. Credit
   * granted since this side stated {@code toldCredited} in its RESUME (null: none stated) went to
   * the lost connection while the peer's answer was on its way: granted again here.
   */
  void resume(Outbox next, Frame.ResumePoint peer, Long toldCredited) {
    outbox = next;
    StreamInput.Position at = input.creditTo(windows(next, id));
    output.resume(next, peer);
    long again = toldCredited == null ? 0 : at.credited() - toldCredited;
    if (again > 0) {
      next.control(new Frame.Window(id, (int) again)); // at most a window
    }
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
    answered.completeExceptionally(cause);
  }

  /** Waits until the peer accepts the stream this side opened. */
  void awaitAccepted(Duration timeout) throws IOException {
    try {
      answered.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
