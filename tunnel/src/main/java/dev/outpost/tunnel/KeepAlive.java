package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.Frame;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The periodic liveness check of one connection: declares it dead after a silence of the idle
 * timeout (any frame counts as life), otherwise sends a PING so that the peer has something to
 * answer and middleboxes see traffic.
 */
final class KeepAlive implements Runnable {
  private final Clock clock;
  private final long idleMillis;
  private final LongSupplier lastReceivedMillis;
  private final Consumer<Frame> send;
  private final Runnable onTimeout;
  private long sequence;

  KeepAlive(
      Clock clock,
      Duration idleTimeout,
      LongSupplier lastReceivedMillis,
      Consumer<Frame> send,
      Runnable onTimeout) {
    this.clock = clock;
    this.idleMillis = idleTimeout.toMillis();
    this.lastReceivedMillis = lastReceivedMillis;
    this.send = send;
    this.onTimeout = onTimeout;
  }

  @Override
  public void run() {
    if (clock.millis() - lastReceivedMillis.getAsLong() >= idleMillis) {
      onTimeout.run();
    } else {
      send.accept(new Frame.Ping(++sequence));
    }
  }
}
