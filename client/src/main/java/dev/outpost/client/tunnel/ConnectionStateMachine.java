package dev.outpost.client.tunnel;

import java.util.logging.Logger;

/**
 * Holds the current {@link ConnectionState}, rejects moves the diagram does not allow and logs
 * each change as one INFO line.
 */
public final class ConnectionStateMachine {
  private static final Logger LOG = Logger.getLogger(ConnectionStateMachine.class.getName());

  private ConnectionState state = ConnectionState.NEW;

  public synchronized ConnectionState state() {
    return state;
  }

  /**
   * Moves to {@code next}.
   *
   * @param detail why, for the log line (never a key or token)
   * @throws IllegalStateException when the move is not allowed from the current state
   */
  public synchronized void moveTo(ConnectionState next, String detail) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("tunnel cannot move from " + state + " to " + next);
    }
    ConnectionState previous = state;
    state = next;
    LOG.info(() -> "tunnel " + previous + " -> " + next + (detail.isEmpty() ? "" : ": " + detail));
  }

  /** Moves to {@code next} only when currently in {@code expected}; false (no change) otherwise. */
  public synchronized boolean moveIf(ConnectionState expected, ConnectionState next, String detail) {
    if (state != expected) {
      return false;
    }
    moveTo(next, detail);
    return true;
  }
}
