package dev.outpost.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The bytes a peer sent on one stream, waiting to be read. The peer may have at most one window of
 * bytes not yet credited back, so the buffer never holds more than that. Reading credits bytes back
 * in batches of half a window, which keeps WINDOW frames rare yet the sender never idle, but at most
 * {@link #MAX_CREDIT_BATCH}: the sender keeps every uncredited byte of a resumable stream for
 * replay, so large batches would cost a small agent a megabyte per busy terminal.
 *
 * <p>{@link #offer} runs on the connection's reader thread and never blocks. Credit is handed out
 * after leaving the monitor, so no lock is held while calling into the connection.
 */
final class StreamInput extends InputStream {
  static final int MAX_CREDIT_BATCH = 128 * 1024;

  private final int window;
  private final int creditBatch;
  /** Where credit goes: WINDOW frames on the connection that carries the stream now. */
  private IntConsumer returnCredit;
  /** Views of received payloads, in order; the head's position is where reading goes on. */
  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private int buffered;

  /** Bytes received and not yet credited back: the peer's view of the window in use. */
  private int uncredited;

  /** Bytes read or discarded since the last WINDOW. */
  private int consumed;

  /** Bytes received and credited back since the stream opened: where a resume starts from. */
  private long receivedTotal;

  /**
   * Stream offset of the next byte to arrive: behind {@link #receivedTotal} while the peer replays
   * bytes this side already has, after an end-to-end resume through a new relay.
   */
  private long position;

  private long creditedTotal;

  private boolean ended;
  private boolean closed;
  private IOException failure;

  /** Whether credit follows the far end of a relay ({@link #relayCredit}) rather than reads. */
  private boolean relayed;

  StreamInput(int window, StreamStart start, IntConsumer returnCredit) {
    this.window = window;
    this.receivedTotal = start.received();
    this.position = start.received();
    this.creditedTotal = start.credited();
    this.uncredited = (int) (start.received() - start.credited());
    this.creditBatch = Math.min(window / 2, MAX_CREDIT_BATCH);
    this.returnCredit = returnCredit;
  }

  /**
   * Keeps a DATA payload, without copying: the connection owns the message it is a view of (see
   * {@link FrameTransport#handsOverFrames}). False if it exceeds the window granted to the peer.
   */
  boolean offer(ByteBuffer payload) {
    Credit credit = Credit.NONE;
    synchronized (this) {
      int arriving = payload.remaining();
      int duplicate = (int) Math.min(arriving, receivedTotal - position); // never below 0
      int length = arriving - duplicate;
      if ((long) uncredited + length > window) {
        return false;
      }
      position += arriving;
      payload.position(payload.position() + duplicate); // this side has those bytes already
      if (length == 0) {
        return true;
      }
      uncredited += length;
      receivedTotal += length;
      if (closed || failure != null) {
        credit = due(consume(length));
      } else {
        chunks.add(payload);
        buffered += length;
        notifyAll();
      }
    }
    credit.send();
    return true;
  }

  /** The peer half-closed: end of stream once the buffer is drained. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /**
   * The stream failed: pending and later reads throw {@code cause}. Input the peer already
   * completed with CLOSE stays readable to its end.
   */
  synchronized void fail(IOException cause) {
    if (failure == null && !ended) {
      failure = cause;
      discardBuffer();
    }
    notifyAll();
  }

  /**
   * From now on reading returns no credit: {@link #relayCredit} does, as the far end of a relay
   * consumes the bytes. The peer's replay buffer then holds every byte the far end has not
   * consumed, so a relay that dies loses nothing the two ends cannot replay.
   */
  synchronized void relayCredit() {
    relayed = true;
  }

  /**
   * The far end of a relay consumed {@code bytes} more of what this stream passed on: credits
   * them to the peer. After an end-to-end resume the far end may credit bytes the peer's replay
   * has yet to bring (it had them already), so the credit may run up to a window ahead of what
   * arrived, no further.
   */
  void relayCredit(int bytes) {
    Credit credit;
    synchronized (this) {
      credit = due(ended ? 0 : take((int) Math.min(bytes, (long) uncredited + window)));
    }
    credit.send();
  }

  /**
   * The peer replays from stream offset {@code replayFrom} (at most what this side credited) on
   * another connection, where credit goes from now on ({@code creditTo}): the bytes this side
   * already has are dropped as they come again. Returns the credit to grant again there, for bytes
   * this side credited but the peer never heard of; credit granted later is not in it.
   */
  synchronized int replayFrom(long replayFrom, IntConsumer creditTo) {
    if (replayFrom > receivedTotal) { // the bytes in between would be missing without a trace
      throw new IllegalArgumentException(
          "replay from " + replayFrom + " would skip bytes: only " + receivedTotal + " received");
    }
    position = replayFrom;
    returnCredit = creditTo;
    return (int) (creditedTotal - replayFrom);
  }

  /**
   * Credit goes to {@code creditTo} from now on (the stream moved to another connection). Returns
   * how far this side received and credited at that moment: credit granted later goes there.
   */
  synchronized Position creditTo(IntConsumer creditTo) {
    returnCredit = creditTo;
    return new Position(receivedTotal, creditedTotal);
  }

  /** How far the input got: bytes received and credited since the stream opened. */
  record Position(long received, long credited) {}

  /** Credit due to the peer, and where it goes: both decided under the lock, sent after it. */
  private record Credit(int bytes, IntConsumer to) {
    static final Credit NONE = new Credit(0, bytes -> {});

    void send() {
      if (bytes > 0) {
        to.accept(bytes);
      }
    }
  }

  private Credit due(int bytes) {
    return bytes == 0 ? Credit.NONE : new Credit(bytes, returnCredit);
  }

  /** Whether the peer is still replaying bytes this side has (they may follow its CLOSE). */
  synchronized boolean replaying() {
    return position < receivedTotal;
  }

  /** Bytes received since the stream opened. */
  synchronized long received() {
    return receivedTotal;
  }

  /** Bytes credited back since the stream opened, whether or not the WINDOW reached the peer. */
  synchronized long credited() {
    return creditedTotal;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : Byte.toUnsignedInt(one[0]);
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    int count;
    Credit credit;
    synchronized (this) {
      awaitBytes();
      if (buffered == 0) {
        return -1;
      }
      count = copyTo(target, offset, length);
      credit = due(consume(count));
    }
    credit.send();
    return count;
  }

  /**
   * The next received payload whole, as the view of its message it arrived in, or null at the end
   * of the stream; counts as read. For a relay, which sends it on as it is ({@link
   * StreamOutput#pass}): the bytes in front of it in its message (its header, or bytes read or
   * dropped) are the taker's to overwrite.
   */
  ByteBuffer take() throws IOException {
    ByteBuffer payload;
    Credit credit;
    synchronized (this) {
      awaitBytes();
      if (buffered == 0) {
        return null;
      }
      payload = chunks.remove();
      buffered -= payload.remaining();
      credit = due(consume(payload.remaining()));
    }
    credit.send();
    return payload;
  }

  @Override
  public synchronized int available() {
    return buffered;
  }

  /** This side reads no more: buffered and later bytes are dropped and credited back at once. */
  @Override
  public void close() {
    Credit credit;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      credit = due(consume(buffered));
      discardBuffer();
      notifyAll();
    }
    credit.send();
  }

  private void awaitBytes() throws IOException {
    while (buffered == 0 && !ended && failure == null && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading a tunnel stream");
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IOException("stream input is closed");
    }
  }

  private int copyTo(byte[] target, int offset, int length) {
    int copied = 0;
    while (copied < length && !chunks.isEmpty()) {
      ByteBuffer head = chunks.peek();
      int n = Math.min(length - copied, head.remaining());
      head.get(target, offset + copied, n);
      copied += n;
      if (!head.hasRemaining()) {
        chunks.remove();
      }
    }
    buffered -= copied;
    return copied;
  }

  private void discardBuffer() {
    chunks.clear();
    buffered = 0;
  }

  /** Counts consumed bytes; returns the credit to grant now (0 until a batch is due). */
  private int consume(int bytes) {
    if (relayed) {
      // Bytes passed on are credited as the far end consumes them; discarded ones at once.
      boolean discarded = closed || failure != null;
      return discarded && !ended ? take(Math.max(0, Math.min(bytes, uncredited))) : 0;
    }
    consumed += bytes;
    if (ended || consumed < creditBatch) {
      return 0;
    }
    int credit = take(consumed);
    consumed = 0;
    return credit;
  }

  private int take(int credit) {
    uncredited -= credit;
    creditedTotal += credit;
    return credit;
  }
}
