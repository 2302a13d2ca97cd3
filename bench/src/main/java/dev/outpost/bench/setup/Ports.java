package dev.outpost.bench.setup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Waits for a freshly started server to accept connections. */
final class Ports {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Ports() {}

  static void awaitListening(InetSocketAddress address, Process server) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server for " + address + " exited with " + server.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(address, 1000);
        return;
      } catch (IOException notYet) {
        Pause.of(Duration.ofMillis(100));
      }
    }
    throw new IllegalStateException("nothing listens on " + address + " after " + TIMEOUT);
  }
}
