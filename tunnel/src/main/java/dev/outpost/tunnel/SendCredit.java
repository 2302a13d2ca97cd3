package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * What one stream may send now: the credit the peer granted, further limited to a little data
 * waiting in the connection's outbox, so that a bulk stream cannot queue a whole window ahead of an
 * interactive one sharing the connection.
 *
 * <p>Kept as two stream offsets, the limit the peer granted up to and the bytes taken so far, so
 * that a resumed connection can set the limit anew from the peer's account of what it credited.
 */
final class SendCredit {
  private final int queueLimit;
  private long limit;
  private long acquired;
  private int queued;
  private IOException failure;

  /** Credit up to stream offset {@code limit}, of which {@code acquired} bytes are taken. */
  SendCredit(long limit, long acquired, int queueLimit) {
    this.limit = limit;
    this.acquired = acquired;
    this.queueLimit = queueLimit;
  }

  /**
   * Takes between 1 and {@code wanted} bytes of credit, waiting while there is none.
   *
   * @throws IOException the failure that ended the stream
   */
  synchronized int acquire(int wanted) throws IOException {
    while (failure == null && (limit == acquired || queued >= queueLimit)) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for flow-control credit");
      }
    }
    if (failure != null) {
      throw failure;
    }
    int granted = (int) Math.min(limit - acquired, wanted);
    acquired += granted;
    queued += granted;
    return granted;
  }

  /** Adds the peer's WINDOW increment; false if the credit would overflow 31 bits. */
  synchronized boolean grant(int increment) {
    if (limit - acquired + increment > FrameLimits.MAX_31_BIT) {
      return false;
    }
    limit += increment;
    notifyAll();
    return true;
  }

  /**
   * After a resume: the peer may receive up to stream offset {@code newLimit} (what it credited
   * plus its window), whatever WINDOW frames the lost connection swallowed; nothing waits in the
   * new connection's outbox yet.
   */
  synchronized void resetLimit(long newLimit) {
    limit = Math.max(newLimit, acquired);
    queued = 0;
    notifyAll();
  }

  /** {@code bytes} taken by {@link #acquire} have left the outbox. */
  synchronized void sent(int bytes) {
    queued -= bytes;
    notifyAll();
  }

  synchronized void fail(IOException cause) {
    if (failure == null) {
      failure = cause;
    }
    notifyAll();
  }

  synchronized boolean failed() {
    return failure != null;
  }
}
