package dev.outpost.web.clusters;

import dev.outpost.application.TrustedClusterService;
import dev.outpost.tunnel.Tunnel;
import dev.outpost.web.ws.TunnelRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * On a root: the live tunnels of the leaf clusters that joined it, one per leaf. A leaf is online
 * while its tunnel is open; a newer tunnel of the same leaf replaces the older one. Each tunnel
 * also carries the leaf's audit events when the leaf forwards them ({@link LeafAuditFeed}), and
 * the CA keys both sides trade ({@link CaExchangeStream}): when it connects, after a rotation here
 * and every minute.
 */
@ApplicationScoped
public class LeafTunnels {
  private static final Logger LOG = Logger.getLogger(LeafTunnels.class.getName());
  private static final long CA_EXCHANGE_SECONDS = 60;

  private final Map<String, Tunnel> byLeaf = new ConcurrentHashMap<>();

  @Inject TrustedClusterService clusters;
  @Inject TunnelRuntime runtime;
  @Resource ManagedExecutorService executor;
  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> caExchange;

  @PostConstruct
  void start() {
    caExchange = scheduler.scheduleWithFixedDelay(this::exchangeCas, CA_EXCHANGE_SECONDS,
        CA_EXCHANGE_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    caExchange.cancel(false);
    byLeaf.values().forEach(tunnel -> tunnel.close("proxy shutting down"));
  }

  /** Trades CA keys with every connected leaf now; never throws. */
  public void exchangeCas() {
    byLeaf.forEach((name, tunnel) -> executor.execute(() -> exchangeCas(name, tunnel)));
  }

  private void exchangeCas(String name, Tunnel tunnel) {
    try {
      CaExchangeStream.exchange(name, tunnel, clusters);
    } catch (IOException | RuntimeException e) {
      LOG.warning(() -> "cannot trade CA keys with leaf cluster " + name + ": " + e.getMessage());
    }
  }

  /** Leaf {@code name} proved its identity over {@code tunnel}. */
  public void register(String name, Tunnel tunnel, String remoteAddress) {
    Tunnel previous = byLeaf.put(name, tunnel);
    if (previous != null && previous != tunnel) {
      previous.close("replaced by a newer connection from the same cluster");
    }
    LOG.info(() -> "leaf cluster " + name + " connected from " + remoteAddress);
    // the feed lives as long as the tunnel: the tunnel library's growable pool, not the container's
    runtime.settings().executor().execute(() -> new LeafAuditFeed(clusters).follow(name, tunnel));
    executor.execute(() -> exchangeCas(name, tunnel));
    tunnel.closed().thenAcceptAsync(reason -> {
      if (byLeaf.remove(name, tunnel)) {
        clusters.leafSeen(name);
        LOG.info(() -> "leaf cluster " + name + " disconnected: " + reason);
      }
    }, executor);
  }

  public Optional<Tunnel> find(String name) {
    return Optional.ofNullable(byLeaf.get(name)).filter(Tunnel::isOpen);
  }

  /** Ends the tunnel of a leaf that is no longer trusted, and every session through it. */
  public void disconnect(String name, String reason) {
    Tunnel tunnel = byLeaf.remove(name);
    if (tunnel != null) {
      tunnel.close(reason);
    }
  }
}
