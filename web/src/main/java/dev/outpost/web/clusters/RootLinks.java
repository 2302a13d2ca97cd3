package dev.outpost.web.clusters;

import dev.outpost.application.AccessService;
import dev.outpost.application.KubeService;
import dev.outpost.application.NodeService;
import dev.outpost.application.TrustedClusterService;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tls.TlsContexts;
import dev.outpost.client.tunnel.Backoff;
import dev.outpost.client.tunnel.CertificateProver;
import dev.outpost.client.tunnel.ConnectionState;
import dev.outpost.client.tunnel.TunnelSupervisor;
import dev.outpost.domain.cluster.RootCluster;
import dev.outpost.tunnel.ws.WebSocketDialer;
import dev.outpost.web.apps.RootAppRequests;
import dev.outpost.web.kube.RootKubeRequests;
import dev.outpost.web.ws.ClusterTunnelEndpoint;
import dev.outpost.web.ws.SshRelay;
import dev.outpost.web.ws.TunnelRuntime;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import dev.outpost.tunnel.TunnelAuthenticator;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * On a leaf: one tunnel to each root this cluster joined, kept up like an agent's (backoff with
 * jitter, the root's retry-after hint), dialled at deployment and when a trust is added, stopped
 * when it is removed. The root opens streams through it ({@link RootStreams}).
 */
@ApplicationScoped
public class RootLinks {
  private static final Logger LOG = Logger.getLogger(RootLinks.class.getName());
  private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
  private static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

  private final Map<String, TunnelSupervisor> byRoot = new ConcurrentHashMap<>();

  @Inject TrustedClusterService clusters;
  @Inject AccessService access;
  @Inject NodeService nodes;
  @Inject SshRelay relay;
  @Inject KubeService kube;
  @Inject RootKubeRequests kubeRequests;
  @Inject RootAppRequests appRequests;
  @Inject TunnelRuntime runtime;
  @Resource ManagedScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    clusters.roots().forEach(this::connect);
  }

  @PreDestroy
  void stop() {
    byRoot.values().forEach(TunnelSupervisor::stop);
  }

  /** Starts keeping the tunnel to {@code root} up. */
  public void connect(RootCluster root) {
    ProxyAddress proxy = ProxyAddress.parse(root.proxyAddr());
    SSLContext tls = TlsContexts.pinned(root.caPin()).context();
    KeyPair tunnelKey = clusters.tunnelKey(root);
    // the certificate as stored at each dial: the root issues a new one after a host CA rotation
    TunnelAuthenticator.Prover prover = nonce -> new CertificateProver(tunnelKey,
        clusters.root(root.name()).orElse(root).tunnelCertificate()).prove(nonce);
    RootStreams streams = new RootStreams(root.name(), clusters, access, nodes, relay, kube,
        kubeRequests, appRequests);
    TunnelSupervisor supervisor = new TunnelSupervisor(
        () -> WebSocketDialer.dial(proxy.wss(ClusterTunnelEndpoint.PATH), tls, Map.of(),
            runtime.settings(), prover, streams, DIAL_TIMEOUT),
        new Backoff(BACKOFF_BASE, BACKOFF_CAP, new SecureRandom()),
        (task, delay) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
        Clock.systemUTC(), proxy.toString());
    TunnelSupervisor previous = byRoot.put(root.name(), supervisor);
    if (previous != null) {
      previous.stop();
    }
    supervisor.start();
    LOG.info(() -> "keeping a tunnel to root cluster " + root.name() + " at " + proxy);
  }

  /** Stops the tunnel to {@code root}: every session through it ends. */
  public void disconnect(String root) {
    Optional.ofNullable(byRoot.remove(root)).ifPresent(TunnelSupervisor::stop);
  }

  /** Whether the tunnel to {@code root} is up now. */
  public boolean isConnected(String root) {
    TunnelSupervisor supervisor = byRoot.get(root);
    return supervisor != null && supervisor.state() == ConnectionState.CONNECTED;
  }
}
