package dev.outpost.web.ws;

import dev.outpost.application.NodeRegistry;
import dev.outpost.tunnel.Tunnel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The live reverse tunnels of this proxy, one per node, and the node registry kept in step: a node
 * is online while its tunnel is open, and its last-seen time advances while it stays open.
 */
@ApplicationScoped
public class AgentTunnels {
  private static final Logger LOG = Logger.getLogger(AgentTunnels.class.getName());
  private static final long HEARTBEAT_SECONDS = 30;

  private final Map<String, Tunnel> byNode = new ConcurrentHashMap<>();

  @Inject NodeRegistry registry;
  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> heartbeat;

  /** Eager at deployment: forget the tunnels of a previous run, then keep last-seen times fresh. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    registry.proxyStarted();
  }

  @PostConstruct
  void startHeartbeat() {
    heartbeat = scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    heartbeat.cancel(false);
    byNode.values().forEach(tunnel -> tunnel.close("proxy shutting down"));
  }

  /** A node proved its identity: its new tunnel replaces any older one (a reconnect after loss). */
  void register(String node, Tunnel tunnel, String remoteAddress) {
    Tunnel previous = byNode.put(node, tunnel);
    if (previous != null && previous != tunnel) {
      previous.close("replaced by a newer connection from the same node");
    }
    UUID tunnelId = registry.online(node, remoteAddress);
    LOG.info(() -> "node " + node + " connected from " + remoteAddress);
    tunnel.closed().thenAcceptAsync(reason -> unregister(node, tunnel, tunnelId, reason), executor);
  }

  Optional<Tunnel> find(String node) {
    return Optional.ofNullable(byNode.get(node)).filter(Tunnel::isOpen);
  }

  private void unregister(String node, Tunnel tunnel, UUID tunnelId, String reason) {
    if (byNode.remove(node, tunnel)) {
      registry.offline(node, tunnelId, reason);
      LOG.info(() -> "node " + node + " disconnected: " + reason);
    }
  }

  private void beat() {
    byNode.forEach((node, tunnel) -> {
      if (tunnel.isOpen()) {
        registry.heartbeat(node);
      }
    });
  }
}
