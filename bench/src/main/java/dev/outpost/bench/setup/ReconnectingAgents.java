package dev.outpost.bench.setup;

import dev.outpost.client.tunnel.Backoff;
import dev.outpost.client.tunnel.ConnectionState;
import dev.outpost.client.tunnel.TaskScheduler;
import dev.outpost.client.tunnel.TunnelSupervisor;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamSession;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.ws.UpgradeRefusedException;
import dev.outpost.tunnel.ws.WebSocketDialer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The joined {@link SimulatedAgents}, each kept connected by the real agent's {@link
 * TunnelSupervisor} (backoff with full jitter, the proxy's {@code Retry-After} on top) and dialling
 * resumable tunnels as the real agent does; but they share one HTTP client and a small pool of
 * threads, so thousands fit in one JVM. {@link #dropAll} loses every link at once, as a mobile
 * network outage or a proxy restart would.
 */
public final class ReconnectingAgents implements AutoCloseable {
  private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(30);
  /** Dials block while they try: this many may be in flight at once. */
  private static final int MAX_DIALLING_THREADS = 256;
  /** One log line per state change of thousands of agents would drown the results. */
  private static final Logger AGENT_LOG = Logger.getLogger("dev.outpost.client.tunnel");

  private final ScheduledExecutorService threads;
  private final List<Agent> agents;
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger busyRefusals = new AtomicInteger();

  private ReconnectingAgents(SimulatedAgents joined) {
    AGENT_LOG.setLevel(Level.WARNING);
    List<CertificateProver> identities = joined.identities();
    threads = Executors.newScheduledThreadPool(Math.min(identities.size(), MAX_DIALLING_THREADS), task -> {
      Thread thread = new Thread(task, "simulated-agent");
      thread.setDaemon(true);
      return thread;
    });
    TaskScheduler scheduler = (task, delay) -> threads.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    agents = identities.stream().map(prover -> new Agent(joined, prover, scheduler)).toList();
  }

  /** Starts every agent's supervisor at once: all dial together. */
  public static ReconnectingAgents start(SimulatedAgents joined) {
    ReconnectingAgents fleet = new ReconnectingAgents(joined);
    fleet.agents.forEach(agent -> agent.supervisor.start());
    return fleet;
  }

  public int size() {
    return agents.size();
  }

  /** Agents whose supervisor holds an established tunnel right now. */
  public int connected() {
    return (int) agents.stream().filter(agent -> agent.supervisor.state() == ConnectionState.CONNECTED).count();
  }

  /** Tunnels established so far, over all agents and attempts. */
  public int connects() {
    return connects.get();
  }

  /** Upgrades the proxy refused as busy (503 with a Retry-After), over all agents and attempts. */
  public int busyRefusals() {
    return busyRefusals.get();
  }

  /**
   * Loses every agent's link at once: each tunnel ends as if its transport died (no GOAWAY, the
   * WebSocket closed), so the proxy keeps the sessions for resumption and every supervisor redials.
   */
  public void dropAll() {
    agents.forEach(Agent::drop);
  }

  @Override
  public void close() {
    agents.forEach(agent -> agent.supervisor.stop());
    threads.shutdownNow();
  }

  private final class Agent {
    private final SimulatedAgents joined;
    private final CertificateProver prover;
    private final StreamSession session = StreamSession.dialing(TunnelSettings.defaults());
    /** Its own random source: the jitter of each agent must be independent of the others'. */
    private final TunnelSupervisor supervisor;
    private volatile TunnelConnection current;

    Agent(SimulatedAgents joined, CertificateProver prover, TaskScheduler scheduler) {
      this.joined = joined;
      this.prover = prover;
      this.supervisor = new TunnelSupervisor(this::dial, Backoff.standard(new SplittableRandom()), scheduler,
          Clock.systemUTC(), joined.endpoint().getAuthority());
    }

    private TunnelConnection dial() throws IOException {
      try {
        TunnelConnection tunnel = WebSocketDialer.dial(joined.endpoint(), joined.tls(), TunnelSettings.defaults(),
            prover, StreamAcceptor.REFUSE_ALL, session, null, DIAL_TIMEOUT);
        current = tunnel;
        connects.incrementAndGet();
        return tunnel;
      } catch (UpgradeRefusedException e) {
        if (e.status() == 503 && e.retryAfter().isPresent()) {
          busyRefusals.incrementAndGet();
        }
        throw e;
      }
    }

    void drop() {
      TunnelConnection tunnel = current;
      if (tunnel != null) {
        tunnel.onClosed("simulated network outage");
      }
    }
  }
}
