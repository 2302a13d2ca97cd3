package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.ErrorCode;
import java.io.IOException;

/**
 * Stream id bookkeeping for one connection: the dialing side opens odd ids, the accepting side even
 * ones, each side in increasing order and never reusing one. Not thread-safe; the stream table
 * guards it.
 */
final class StreamIds {
  private final boolean dialer;
  private int nextLocal;
  private int lastRemote;

  StreamIds(boolean dialer) {
    this.dialer = dialer;
    this.nextLocal = dialer ? 1 : 2;
  }

  int allocateLocal() throws IOException {
    if (nextLocal < 0) {
      throw new IOException("stream ids exhausted on this tunnel; reconnect");
    }
    int id = nextLocal;
    nextLocal += 2; // turns negative past 2^31-1
    return id;
  }

  /** Checks the id of a stream the peer opens and records it. */
  void acceptRemote(int id) throws ProtocolViolation {
    if (isLocal(id)) {
      throw ProtocolViolation.ofConnection(
          ErrorCode.PROTOCOL,
          "OPEN for stream "
              + id
              + " has the wrong parity: the "
              + peerRole()
              + " opens "
              + (dialer ? "even" : "odd")
              + " ids");
    }
    if (id <= lastRemote) {
      throw ProtocolViolation.ofConnection(
          ErrorCode.PROTOCOL,
          "OPEN for stream "
              + id
              + " reuses an id (ids must increase; last was "
              + lastRemote
              + ")");
    }
    lastRemote = id;
  }

  /** Whether either side has ever opened {@code id}. */
  boolean wasOpened(int id) {
    return isLocal(id) ? id < nextLocal || nextLocal < 0 : id <= lastRemote;
  }

  private boolean isLocal(int id) {
    return (id % 2 == 1) == dialer;
  }

  private String peerRole() {
    return dialer ? "accepting side" : "dialing side";
  }
}
