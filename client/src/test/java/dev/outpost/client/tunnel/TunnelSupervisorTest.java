package dev.outpost.client.tunnel;

import static dev.outpost.client.tunnel.ConnectionState.BACKOFF;
import static dev.outpost.client.tunnel.ConnectionState.CONNECTED;
import static dev.outpost.client.tunnel.ConnectionState.CONNECTING;
import static dev.outpost.client.tunnel.ConnectionState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.client.http.ProxyConnectionException;
import dev.outpost.tunnel.ws.UpgradeRefusedException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reconnect loop on a manual scheduler: no sleeping, exact delays (random fixed at 1.0). */
class TunnelSupervisorTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final Deque<Object> outcomes = new ArrayDeque<>();
  private int dials;
  private final TunnelSupervisor supervisor =
      new TunnelSupervisor(this::dial, Backoff.standard(new FixedRandom(1.0)), scheduler, scheduler, "proxy:8443");

  private FakeTunnel dial() throws Exception {
    dials++;
    Object next = outcomes.isEmpty() ? new ConnectException("Connection refused") : outcomes.poll();
    if (next instanceof Exception e) {
      throw e;
    }
    return (FakeTunnel) next;
  }

  @Test
  void failedDialsBackOffExponentiallyToTheCap() {
    supervisor.start();
    assertEquals(CONNECTING, supervisor.state());
    scheduler.runDue();
    assertEquals(BACKOFF, supervisor.state());
    for (long seconds : new long[] {1, 2, 4, 8, 16, 30, 30}) {
      assertEquals(Duration.ofSeconds(seconds), scheduler.nextDelay());
      scheduler.advance(Duration.ofSeconds(seconds));
      assertEquals(BACKOFF, supervisor.state());
    }
    assertEquals(8, dials);
  }

  @Test
  void connectsAfterFailuresAndReconnectsWhenTheTunnelCloses() {
    FakeTunnel first = new FakeTunnel();
    outcomes.add(new ConnectException("refused"));
    outcomes.add(first);
    supervisor.start();
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals(CONNECTED, supervisor.state());

    first.close("proxy restarting");
    scheduler.runDue();
    assertEquals(BACKOFF, supervisor.state());
    // up for no time: the backoff goes on from where it was (second failure: 2 s)
    assertEquals(Duration.ofSeconds(2), scheduler.nextDelay());
  }

  @Test
  void aConnectionThatStayedUpResetsTheBackoff() {
    FakeTunnel tunnel = new FakeTunnel();
    for (int i = 0; i < 4; i++) {
      outcomes.add(new ConnectException("refused"));
    }
    outcomes.add(tunnel);
    supervisor.start();
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(1 + 2 + 4 + 8));
    assertEquals(CONNECTED, supervisor.state());

    scheduler.advance(TunnelSupervisor.STABLE_AFTER);
    tunnel.close("network lost");
    scheduler.runDue();
    assertEquals(Duration.ofSeconds(1), scheduler.nextDelay());
  }

  @Test
  void aBusyProxysRetryAfterIsWaitedOnTopOfTheBackoff() {
    outcomes.add(busy(7));
    outcomes.add(busy(3));
    outcomes.add(new FakeTunnel());
    supervisor.start();
    scheduler.runDue();
    assertEquals(Duration.ofSeconds(1 + 7), scheduler.nextDelay());
    scheduler.advance(Duration.ofSeconds(8));
    assertEquals(Duration.ofSeconds(2 + 3), scheduler.nextDelay(), "the backoff still grows");
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(CONNECTED, supervisor.state());
    assertEquals(3, dials);
  }

  @Test
  void aRefusalWithoutHintWaitsTheBackoffOnly() {
    outcomes.add(new ProxyConnectionException("proxy busy",
        new UpgradeRefusedException("refused with HTTP 503", 503, Optional.empty(), null)));
    supervisor.start();
    scheduler.runDue();
    assertEquals(Duration.ofSeconds(1), scheduler.nextDelay());
  }

  /** A 503 as the agent's dialer reports it: wrapped in the one-line proxy failure. */
  private static Exception busy(long retryAfterSeconds) {
    return new ProxyConnectionException("cannot talk to proxy proxy:8443",
        new UpgradeRefusedException("WebSocket upgrade refused with HTTP 503", 503,
            Optional.of(Duration.ofSeconds(retryAfterSeconds)), null));
  }

  @Test
  void stopClosesTheTunnelAndCancelsRetries() {
    FakeTunnel tunnel = new FakeTunnel();
    outcomes.add(tunnel);
    supervisor.start();
    scheduler.runDue();
    supervisor.stop();
    assertEquals(STOPPED, supervisor.state());
    assertEquals("stopping", tunnel.closeReason());
    scheduler.advance(Duration.ofMinutes(5));
    assertEquals(STOPPED, supervisor.state());
    assertEquals(1, dials);
    assertNull(scheduler.nextDelay());
  }

  @Test
  void stopDuringBackoffCancelsTheRetry() {
    supervisor.start();
    scheduler.runDue();
    supervisor.stop();
    scheduler.advance(Duration.ofMinutes(1));
    assertEquals(1, dials);
    assertEquals(STOPPED, supervisor.state());
  }

  @Test
  void aTunnelDialledWhileStoppingIsClosedAtOnce() {
    FakeTunnel late = new FakeTunnel();
    TunnelSupervisor[] self = new TunnelSupervisor[1];
    self[0] =
        new TunnelSupervisor(
            () -> {
              self[0].stop(); // stop arrives while the dial is in flight
              return late;
            },
            Backoff.standard(new FixedRandom(1.0)),
            scheduler,
            scheduler,
            "proxy:8443");
    self[0].start();
    scheduler.runDue();
    assertEquals(STOPPED, self[0].state());
    assertEquals("stopping", late.closeReason());
  }

  @Test
  void startTwiceIsRejected() {
    supervisor.start();
    assertThrows(IllegalStateException.class, supervisor::start);
  }
}
