package dev.outpost.client.tunnel;

import java.util.EnumSet;
import java.util.Set;

/**
 * States of the agent's reverse-tunnel connection and the moves allowed between them.
 *
 * <pre>
 *   NEW ──► CONNECTING ──► CONNECTED
 *              ▲   │           │
 *              │   ▼           │ tunnel closed
 *             BACKOFF ◄────────┘
 *
 *   every state except STOPPED ──► STOPPED (terminal)
 * </pre>
 */
public enum ConnectionState {
  NEW,
  CONNECTING,
  CONNECTED,
  BACKOFF,
  STOPPED;

  /** Whether moving from this state to {@code next} is one of the arrows above. */
  public boolean canMoveTo(ConnectionState next) {
    return successors().contains(next);
  }

  private Set<ConnectionState> successors() {
    return switch (this) {
      case NEW -> EnumSet.of(CONNECTING, STOPPED);
      case CONNECTING -> EnumSet.of(CONNECTED, BACKOFF, STOPPED);
      case CONNECTED -> EnumSet.of(BACKOFF, STOPPED);
      case BACKOFF -> EnumSet.of(CONNECTING, STOPPED);
      case STOPPED -> EnumSet.noneOf(ConnectionState.class);
    };
  }
}
