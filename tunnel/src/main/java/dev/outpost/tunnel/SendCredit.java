package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.FrameLimits;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * What one stream may send now: the credit the peer granted, further limited to a little data
 * waiting in the connection's outbox, so that a bulk stream cannot queue a whole window ahead of an
 * interactive one sharing the connection.
 */
final class SendCredit {
  private final int queueLimit;
  private long credit;
  private int queued;
  private IOException failure;

  SendCredit(int initialCredit, int queueLimit) {
    this.credit = initialCredit;
    this.queueLimit = queueLimit;
  }

  /**
   * Takes between 1 and {@code wanted} bytes of credit, waiting while there is none.
   *
   * @throws IOException the failure that ended the stream
   */
  synchronized int acquire(int wanted) throws IOException {
    while (failure == null && (credit == 0 || queued >= queueLimit)) {
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
    int granted = (int) Math.min(credit, wanted);
    credit -= granted;
    queued += granted;
    return granted;
  }

  /** Adds the peer's WINDOW increment; false if the credit would overflow 31 bits. */
  synchronized boolean grant(int increment) {
    if (credit + increment > FrameLimits.MAX_31_BIT) {
      return false;
    }
    credit += increment;
    notifyAll();
    return true;
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
