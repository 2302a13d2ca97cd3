package dev.outpost.client.tunnel;

import static dev.outpost.client.tunnel.ConnectionState.BACKOFF;
import static dev.outpost.client.tunnel.ConnectionState.CONNECTED;
import static dev.outpost.client.tunnel.ConnectionState.CONNECTING;
import static dev.outpost.client.tunnel.ConnectionState.NEW;
import static dev.outpost.client.tunnel.ConnectionState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionStateTest {

  /** The diagram of {@link ConnectionState}, as a table: every other move is illegal. */
  private static final Map<ConnectionState, Set<ConnectionState>> ALLOWED =
      Map.of(
          NEW, EnumSet.of(CONNECTING, STOPPED),
          CONNECTING, EnumSet.of(CONNECTED, BACKOFF, STOPPED),
          CONNECTED, EnumSet.of(BACKOFF, STOPPED),
          BACKOFF, EnumSet.of(CONNECTING, STOPPED),
          STOPPED, EnumSet.noneOf(ConnectionState.class));

  @Test
  void everyMoveIsAllowedExactlyAsDrawn() {
    for (ConnectionState from : ConnectionState.values()) {
      for (ConnectionState to : ConnectionState.values()) {
        assertEquals(ALLOWED.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
      }
    }
  }

  @Test
  void machineRejectsIllegalMovesAndKeepsItsState() {
    ConnectionStateMachine machine = new ConnectionStateMachine();
    assertThrows(IllegalStateException.class, () -> machine.moveTo(CONNECTED, ""));
    assertEquals(NEW, machine.state());
    machine.moveTo(CONNECTING, "");
    machine.moveTo(BACKOFF, "refused");
    assertThrows(IllegalStateException.class, () -> machine.moveTo(CONNECTED, ""));
    machine.moveTo(STOPPED, "");
    assertThrows(IllegalStateException.class, () -> machine.moveTo(CONNECTING, ""));
    assertEquals(STOPPED, machine.state());
  }
}
