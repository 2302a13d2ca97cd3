package dev.outpost.web.ws;

import dev.outpost.application.NodeRegistry;
import dev.outpost.application.TunnelAuthService;
import dev.outpost.domain.node.LinkEvent;
import dev.outpost.tunnel.SessionRegistry;
import dev.outpost.web.apps.AppCatalog;
import dev.outpost.tunnel.StreamSession;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.tunnel.TunnelConnection;
import dev.outpost.tunnel.TunnelStream;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The live reverse tunnels of this proxy, one per node, and the node registry kept in step: a node
 * is online while its tunnel is open, and its last-seen time follows the last frame the tunnel
 * received (a link that fell silent was last seen then, not when the keep-alive gave up). A node
 * whose tunnel was lost is reconnecting while its SSH streams wait in {@link #sessions()} for the
 * next tunnel, offline once they gave up (or the agent closed its tunnel on purpose).
 *
 * <p>Those changes are {@link LinkEvent}s, written off the tunnel's own threads in the order they
 * happened, many to a transaction when many come at once (a reconnect storm): a connecting agent
 * waits for its certificate check, not for its node's row or the {@code node.online} event.
 */
@ApplicationScoped
public class AgentTunnels {
  private static final Logger LOG = Logger.getLogger(AgentTunnels.class.getName());
  private static final long HEARTBEAT_SECONDS = 30;
  /** The agent service that renews its certificate at once. */
  private static final String ROTATION_NOTICE = "renew";
  /** Link events written in one transaction at most. */
  private static final int MAX_LINK_EVENTS = 200;
  private static final long AWAIT_POLL_MILLIS = 100;

  private final Map<String, TunnelConnection> byNode = new ConcurrentHashMap<>();
  /** The tunnel id of each node whose lost tunnel's streams wait for a resume. */
  private final Map<String, UUID> reconnecting = new ConcurrentHashMap<>();

  @Inject NodeRegistry registry;
  @Inject TunnelAuthService auth;
  @Inject TunnelRuntime runtime;
  @Inject AppCatalog apps;
  @Inject Clock clock;
  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedThreadFactory threads;
  private ScheduledFuture<?> heartbeat;
  private SessionRegistry sessions;
  private BatchingQueue<LinkEvent> links;

  /** Eager at deployment: forget the tunnels of a previous run, then keep last-seen times fresh. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    registry.proxyStarted();
  }

  @PostConstruct
  void startHeartbeat() {
    sessions = new SessionRegistry(runtime.settings(), new SessionEvents());
    links = new BatchingQueue<>(threads, MAX_LINK_EVENTS, this::write);
    heartbeat = scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    heartbeat.cancel(false);
    links.close();
    byNode.values().forEach(tunnel -> tunnel.close("proxy shutting down"));
  }

  /** Where agent tunnels keep their streams while the agent is away. */
  SessionRegistry sessions() {
    return sessions;
  }

  /** A node proved its identity: its new tunnel replaces any older one (a reconnect after loss). */
  void register(String node, TunnelConnection tunnel, String remoteAddress) {
    Tunnel previous = byNode.put(node, tunnel);
    if (previous != null && previous != tunnel) {
      previous.close("replaced by a newer connection from the same node");
    }
    reconnecting.remove(node);
    UUID tunnelId = UUID.randomUUID();
    links.add(new LinkEvent.Online(node, tunnelId, remoteAddress, clock.instant()));
    LOG.info(() -> "node " + node + " connected from " + remoteAddress + resumed(tunnel));
    // Neither needs the container's context, and a managed executor captures it per task, which on
    // Payara scans the EAR's jars each time (docs/performance.md, "Reconnect storm"): the tunnel's
    // own threads serve. The tunnel completes closed() on them; unregister only queues writes.
    tunnel.closed().thenAccept(reason -> unregister(node, tunnel, tunnelId, reason));
    runtime.settings().executor().execute(() -> apps.refresh(node, tunnel));
  }

  /**
   * Tells every connected agent that a CA was rotated: each renews its host certificate at once,
   * which brings the new host CA's certificate and the user CA keys trusted now.
   */
  public void announceRotation() {
    byNode.forEach((node, tunnel) -> executor.execute(() -> {
      try (TunnelStream notice = tunnel.open(ROTATION_NOTICE)) {
        notice.input().readAllBytes();
      } catch (IOException e) {
        LOG.warning(() -> "node " + node + " was not told of the CA rotation (" + e.getMessage()
            + "): it learns at its next renewal");
      }
    }));
  }

  /** The open tunnel of {@code node}, if it is connected to this proxy. */
  public Optional<Tunnel> find(String node) {
    return Optional.<Tunnel>ofNullable(byNode.get(node)).filter(Tunnel::isOpen);
  }

  /**
   * The open tunnel of {@code node}, waiting up to {@code patience} for it to connect (a resumed
   * session whose client came back before its node did).
   */
  public Optional<Tunnel> await(String node, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    Optional<Tunnel> found = find(node);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(AWAIT_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      found = find(node);
    }
    return found;
  }

  private void unregister(String node, TunnelConnection tunnel, UUID tunnelId, String reason) {
    if (!byNode.remove(node, tunnel)) {
      return;
    }
    apps.forget(node);
    StreamSession session = tunnel.streamSession();
    if (session != null && session.isCarriedByAnother(tunnel)) {
      // A newer connection of the node resumed the streams and registers itself in a moment: the
      // node never went away. Should that connection fail first, the session's end (its grace)
      // takes the node offline.
      reconnecting.put(node, tunnelId);
      LOG.fine(() -> "node " + node + ": tunnel " + tunnelId + " superseded by a resumed one");
      return;
    }
    if (session != null && session.isSuspended()) {
      reconnecting.put(node, tunnelId);
      links.add(new LinkEvent.Lost(node, tunnelId, tunnel.lastReceived()));
      LOG.info(() -> "node " + node + " lost its tunnel (" + reason + "); " + session.streams()
          + " streams wait for it to come back");
    } else {
      links.add(new LinkEvent.Offline(node, tunnelId, reason, clock.instant()));
      LOG.info(() -> "node " + node + " disconnected: " + reason);
    }
  }

  /**
   * Writes a batch of link events in one transaction; should that fail (another proxy updated one
   * of the rows meanwhile, or the database is away), each on its own, again when it lost an
   * optimistic-lock race. Never throws: the queue's writer must go on.
   */
  private void write(List<LinkEvent> batch) {
    try {
      registry.apply(batch);
    } catch (RuntimeException batchFailed) {
      for (LinkEvent event : batch) {
        try {
          retryingConflicts(() -> registry.apply(List.of(event)));
        } catch (RuntimeException e) {
          LOG.warning(() -> "cannot record " + event + ": " + e);
        }
      }
    }
  }

  /** Runs a node-row update again when it lost an optimistic-lock race. */
  private static void retryingConflicts(Runnable update) {
    for (int attempt = 1; ; attempt++) {
      try {
        update.run();
        return;
      } catch (EJBException e) {
        if (attempt == 3 || !causedByOptimisticLock(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean causedByOptimisticLock(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockException) {
        return true;
      }
    }
    return false;
  }

  private static String resumed(TunnelConnection tunnel) {
    StreamSession session = tunnel.streamSession();
    return session == null || session.streams() == 0
        ? ""
        : ", resuming " + session.streams() + " streams";
  }

  /**
   * Notes every open tunnel's node as seen, all in one transaction. Never throws: a periodic task
   * that throws is not run again, and the nodes' last-seen times would stand still for good after
   * one pass without the database.
   */
  private void beat() {
    Map<String, Instant> heard = new HashMap<>();
    byNode.forEach((node, tunnel) -> {
      if (tunnel.isOpen()) {
        heard.put(node, tunnel.lastReceived());
      }
    });
    if (heard.isEmpty()) {
      return;
    }
    try {
      registry.heartbeat(heard);
    } catch (RuntimeException e) {
      LOG.warning(() -> "cannot note " + heard.size() + " nodes as seen (the database may be away), "
          + "next try in " + HEARTBEAT_SECONDS + " s: " + e);
    }
  }

  /** Audits refused resumes; takes a node offline once its streams stop waiting. */
  private final class SessionEvents implements SessionRegistry.Listener {
    @Override
    public void ended(StreamSession session, String reason) {
      UUID tunnelId = reconnecting.remove(session.owner());
      if (tunnelId != null) {
        links.add(new LinkEvent.Offline(session.owner(), tunnelId, reason, clock.instant()));
        LOG.info(() -> "node " + session.owner() + " did not come back: " + reason);
      }
    }

    @Override
    public void refused(String claimant, String owner, String sessionId) {
      executor.execute(() -> auth.resumeRefused(claimant, owner, sessionId));
    }
  }
}
