package dev.outpost.web.exchange;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an exchange that waits on a tunnel stream (a Kubernetes request, an app request) off the
 * container's request thread. The agent's answer arrives in tunnel messages that those same
 * threads read: with as many waiting exchanges as request threads (Payara's default pool has
 * five; a {@code kubectl logs -f} waits for as long as it runs) none would be left to read the
 * answers, and every tunnel of the proxy would stall. So the request goes asynchronous and the
 * exchange blocks on a thread of {@code executor}, which grows with the exchanges.
 *
 * <p>Protocol upgrades (WebSocket, SPDY) are not for this: the container switches protocols when
 * {@code service} returns on its own thread, so they wait there, for the far side's 101 only.
 */
public final class OffRequestThread {
  private static final Logger LOG = Logger.getLogger(OffRequestThread.class.getName());

  /** An exchange that answers its request itself, errors included. */
  @FunctionalInterface
  public interface Exchange {
    void run() throws IOException, ServletException;
  }

  private OffRequestThread() {}

  /** Starts {@code exchange} for {@code request} on {@code executor}; returns at once. */
  public static void run(HttpServletRequest request, Executor executor, Exchange exchange) {
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // a watch or a log follow lasts as long as the client keeps it
    try {
      executor.execute(() -> {
        try {
          exchange.run();
        } catch (IOException | ServletException e) {
          LOG.log(Level.FINE, "exchange for " + request.getRequestURI() + " failed", e);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "exchange for " + request.getRequestURI() + " failed", e);
        } finally {
          async.complete();
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      async.complete();
      throw shuttingDown;
    }
  }
}
