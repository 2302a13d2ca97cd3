package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import dev.outpost.tunnel.frame.Frame;
import dev.outpost.tunnel.frame.FrameCodec;
import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * Bytes to the peer on one stream, cut into DATA frames no larger than the peer accepts and no more
 * than its credit. {@code write} blocks while there is no credit; it returns once the bytes are
 * queued (copied into their DATA message), not when they reach the peer; {@link #pass} queues a
 * payload a relay received without copying it. Meant for one writer at a time.
 *
 * <p>Every byte sent is also kept in a {@link ReplayBuffer} until the peer credits it back, so that
 * when the connection is lost and resumed on another, the bytes the peer missed are sent again,
 * in order, on the new one ({@link #resume}). While the connection is lost, writes go to its
 * closed outbox, which drops them; the buffer keeps them, and the missing credit soon stops the
 * writer.
 */
final class StreamOutput extends OutputStream {
  private static final Runnable NOTHING = () -> {};

  private int streamId;
  private final SendCredit credit;
  private final int maxChunk;
  private final int peerWindow;
  private final Runnable onClosed;

  /**
   * Guards the outbox and the replay buffer: sending and resuming exclude each other. Lock order:
   * this, then link; {@code closed} changes only under both.
   */
  private final Object link = new Object();

  private final ReplayBuffer replay;
  private Outbox outbox;
  private boolean closed;

  /** All credit the peer ever granted: the bytes it consumed. */
  private long peerCredited;

  /** Told how many more bytes the peer consumed; a relay passes that on as credit. */
  private IntConsumer consumedByPeer;

  /** Bytes the peer consumed before anyone listened: told to the first listener. */
  private long consumedUntold;

  StreamOutput(
      int streamId,
      SendCredit credit,
      FlowSettings flow,
      boolean resumable,
      StreamStart start,
      Outbox outbox,
      Runnable onClosed) {
    this.streamId = streamId;
    this.credit = credit;
    this.maxChunk = flow.maxChunk();
    this.peerWindow = flow.sendWindow();
    this.replay = new ReplayBuffer(resumable, start.sent());
    this.peerCredited = start.peerCredited();
    this.outbox = outbox;
    this.onClosed = onClosed;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] source, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, source.length);
    send(ByteBuffer.wrap(source, offset, length), false);
  }

  /**
   * Sends on a payload another stream received ({@link StreamInput#take}), without a copy: the
   * bytes in front of it in its message become this stream's DATA header. Should credit or the
   * peer's payload limit split it, only the first part can leave that way; the rest is copied.
   * Blocks like {@code write}.
   */
  synchronized void pass(ByteBuffer payload) throws IOException {
    send(payload, true);
  }

  private void send(ByteBuffer bytes, boolean roomInFront) throws IOException {
    if (closed) {
      throw new IOException("stream output is closed");
    }
    boolean inPlace = roomInFront;
    while (bytes.hasRemaining()) {
      int chunk = credit.acquire(Math.min(bytes.remaining(), maxChunk));
      queue(bytes.duplicate().limit(bytes.position() + chunk), inPlace);
      bytes.position(bytes.position() + chunk);
      inPlace = false; // the bytes in front now belong to the part just sent
    }
  }

  /** Half-closes: the peer reads end of stream after the bytes already written. */
  @Override
  public synchronized void close() {
    synchronized (link) {
      if (closed) {
        return;
      }
      closed = true;
      if (!credit.failed()) {
        outbox.control(new Frame.Close(streamId));
      }
    }
    onClosed.run();
  }

  /** The peer credited {@code increment} bytes: it consumed them, so they need no replay. */
  void acknowledge(int increment) {
    synchronized (link) {
      replay.acknowledge(increment);
      peerCredited += increment;
    }
    consumedByPeer(increment);
  }

  /**
   * Tells {@code listener} how many more bytes the peer consumed, from now on and those it
   * consumed before (a resumed relay's client may credit before the far end answered).
   */
  void onConsumedByPeer(IntConsumer listener) {
    long untold;
    synchronized (link) {
      consumedByPeer = listener;
      untold = consumedUntold;
      consumedUntold = 0;
    }
    tell(listener, untold);
  }

  private void consumedByPeer(long bytes) {
    IntConsumer listener;
    synchronized (link) {
      listener = consumedByPeer;
      if (listener == null) {
        consumedUntold += bytes;
        return;
      }
    }
    tell(listener, bytes);
  }

  private static void tell(IntConsumer listener, long bytes) {
    if (bytes > 0) {
      listener.accept((int) Math.min(bytes, Integer.MAX_VALUE));
    }
  }

  /** Bytes kept for a replay now. */
  long held() {
    synchronized (link) {
      return replay.held();
    }
  }

  /**
   * Checks the peer's account of this stream in its RESUME against what was sent.
   *
   * @throws ProtocolViolation (connection-wide) saying what does not add up
   */
  void checkResume(Frame.ResumePoint peer) throws ProtocolViolation {
    synchronized (link) {
      String problem = null;
      if (peer.received() > replay.sent()) {
        problem = "offset " + peer.received() + " is beyond the " + replay.sent() + " bytes sent";
      } else if (peer.credited() < replay.acknowledged()) {
        problem =
            "credits " + peer.credited() + " bytes, fewer than the " + replay.acknowledged()
                + " already credited";
      } else if (peer.received() - peer.credited() > peerWindow) {
        problem = "leaves more than the window of " + peerWindow + " bytes uncredited";
      } else if (peer.ended() && !closed) {
        problem = "says the stream ended, but this side never closed it";
      }
      if (problem != null) {
        throw ProtocolViolation.ofConnection(
            ErrorCode.PROTOCOL, "RESUME for stream " + streamId + " " + problem);
      }
    }
  }

  /** Carries on as stream {@code id} of another connection (an end-to-end resume). */
  void renumber(int id) {
    synchronized (link) {
      streamId = id;
    }
  }

  /**
   * Replays on {@code next} from where this side's replay starts, after {@code announce} (told that
   * offset) sent what must precede the replay; no credit moves the start in between.
   */
  void resumeFrom(Outbox next, LongConsumer announce) {
    synchronized (link) {
      long from = replay.acknowledged();
      announce.accept(from);
      resume(next, new Frame.ResumePoint(streamId, from, from, false));
    }
  }

  /**
   * Carries on over {@code next}: sends again what the peer did not receive, then CLOSE if this
   * side closed and the peer did not see it; then lets writers on, with the credit the peer's
   * account gives. {@link #checkResume} accepted {@code peer}.
   */
  void resume(Outbox next, Frame.ResumePoint peer) {
    long swallowed; // credit granted on the lost connection that never arrived
    synchronized (link) {
      outbox = next;
      swallowed = Math.max(0, peer.credited() - peerCredited);
      peerCredited += swallowed;
      replay.acknowledgeTo(peer.credited());
      for (ByteBuffer bytes : replay.from(peer.received(), maxChunk)) {
        next.data(streamId, FrameCodec.encodeData(streamId, bytes), maxChunk, NOTHING);
      }
      if (closed && !peer.ended()) {
        next.control(new Frame.Close(streamId));
      }
    }
    credit.resetLimit(peer.credited() + peerWindow);
    consumedByPeer(swallowed);
  }

  /**
   * Sends {@code chunk} as one DATA message: copied into a message of its own, or ({@code
   * inPlace}) in its own buffer behind a header written in front of it; the replay buffer keeps a
   * copy of the payload. If no drain is running, this thread writes the message itself.
   */
  private void queue(ByteBuffer chunk, boolean inPlace) {
    Outbox via;
    boolean drainHere;
    synchronized (link) {
      int length = chunk.remaining();
      ByteBuffer message = inPlace
          ? FrameCodec.wrapData(streamId, chunk)
          : FrameCodec.encodeData(streamId, chunk);
      replay.append(message.slice(FrameLimits.HEADER_LENGTH, length));
      via = outbox;
      drainHere = via.dataDrainedHere(streamId, message, maxChunk, () -> sentVia(via, length));
    }
    if (drainHere) {
      via.drainHere(); // outside link: the reader thread takes it for credit and resumes
    }
  }

  /**
   * DATA left (or was dropped by) {@code via}. Once a resume moved the stream to another outbox,
   * what a lost connection's outbox still holds no longer counts against the queue limit: its
   * writer may be stuck on a dead socket for a long time.
   */
  private void sentVia(Outbox via, int chunk) {
    synchronized (link) {
      if (via != outbox) {
        return;
      }
    }
    credit.sent(chunk);
  }
}
