package dev.outpost.agent;

import dev.outpost.agent.apps.AppCatalog;
import dev.outpost.agent.apps.AppStreamAcceptor;
import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.identity.IdentityStore;
import dev.outpost.agent.identity.NodeIdentity;
import dev.outpost.agent.join.CertificateRenewal;
import dev.outpost.agent.join.JoinException;
import dev.outpost.agent.join.JoinParameters;
import dev.outpost.agent.join.RotationNotice;
import dev.outpost.agent.join.Joiner;
import dev.outpost.agent.kube.InClusterConfig;
import dev.outpost.agent.kube.KubeForwarder;
import dev.outpost.agent.kube.KubeRegistrar;
import dev.outpost.agent.kube.Kubeconfig;
import dev.outpost.agent.recording.NodeRequestSigner;
import dev.outpost.agent.recording.RecordingPipeline;
import dev.outpost.agent.ssh.BuiltinSshServer;
import dev.outpost.client.tunnel.Backoff;
import dev.outpost.client.tunnel.ExecutorTaskScheduler;
import dev.outpost.agent.tunnel.ServiceRouter;
import dev.outpost.agent.tunnel.LoopbackSshLink;
import dev.outpost.agent.tunnel.SshStreamAcceptor;
import dev.outpost.agent.tunnel.SshStreamAcceptor.SshServerLink;
import dev.outpost.client.tunnel.TunnelSupervisor;
import dev.outpost.agent.tunnel.WebSocketTunnelDialer;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.tls.TlsContexts;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.http.KubeStreamTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * A running agent: the SSH service, the hourly renewal check (also run at once when the proxy
 * announces a CA rotation) and the tunnel supervisor, started in that order.
 */
public final class Agent implements AutoCloseable {
  static final Duration RENEWAL_CHECK = Duration.ofHours(1);
  private static final InetSocketAddress OPENSSH = new InetSocketAddress(InetAddress.getLoopbackAddress(), 22);
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());

  private final BuiltinSshServer sshServer;
  private final RecordingPipeline recording;
  private final ExecutorTaskScheduler tunnelThread;
  private final TunnelSupervisor supervisor;
  private final ScheduledExecutorService renewalThread;

  private Agent(
      BuiltinSshServer sshServer,
      RecordingPipeline recording,
      ExecutorTaskScheduler tunnelThread,
      TunnelSupervisor supervisor,
      ScheduledExecutorService renewalThread) {
    this.sshServer = sshServer;
    this.recording = recording;
    this.tunnelThread = tunnelThread;
    this.supervisor = supervisor;
    this.renewalThread = renewalThread;
  }

  /** Joins if needed, then starts serving; returns at once, the agent runs on its own threads. */
  public static Agent start(AgentConfig config) throws JoinException, IOException {
    IdentityStore store = new IdentityStore(config.dataDirectory());
    CurrentIdentity identity = new CurrentIdentity(establishIdentity(config, store));
    SSLContext tls = TlsContexts.trusting(identity.get().clusterCa());
    // one HTTP client, its selector thread and pooled connection, for all of the agent's REST calls
    ApiClient api = new ApiClient(config.proxy(), tls);

    RecordingPipeline recording =
        RecordingPipeline.start(config.dataDirectory(), api, identity, Clock.systemUTC());
    BuiltinSshServer sshServer =
        config.sshMode() == SshMode.BUILTIN ? BuiltinSshServer.start(identity, recording.observer()) : null;
    SshServerLink ssh = sshServer == null ? new LoopbackSshLink(OPENSSH) : sshServer::serve;
    config.apps().forEach(app -> LOG.info(() -> "publishing app " + app.name() + " at "
        + app.upstream() + " " + app.labels()));
    LOG.info(() -> "serving SSH streams with " + (sshServer == null ? ssh : "the built-in server, in process"));

    CertificateRenewal renewal =
        new CertificateRenewal(
            identity, store, CertificateRenewal.Endpoint.of(api), Clock.systemUTC());
    ScheduledExecutorService renewalThread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "outpost-renewal");
              thread.setDaemon(true);
              return thread;
            });
    renewalThread.scheduleWithFixedDelay(
        () -> checkRenewal(renewal), 0, RENEWAL_CHECK.toMinutes(), TimeUnit.MINUTES);
    RotationNotice rotation = new RotationNotice(() -> renewalThread.execute(() -> renewNow(renewal)));

    KubeForwarder kube = kubeForwarder(config);
    ExecutorTaskScheduler tunnelThread = new ExecutorTaskScheduler("outpost-tunnel");
    TunnelSupervisor supervisor =
        new TunnelSupervisor(
            new WebSocketTunnelDialer(config.proxy(), tls, identity,
                new ServiceRouter(services(config, ssh, kube, rotation)),
                config.tunnel()),
            Backoff.standard(new Random()),
            tunnelThread,
            Clock.systemUTC(),
            config.proxy().toString());
    supervisor.start();

    if (kube != null) {
      new KubeRegistrar(kube.cluster(), api,
          new NodeRequestSigner(identity, Clock.systemUTC())).start(renewalThread);
    }
    return new Agent(sshServer, recording, tunnelThread, supervisor, renewalThread);
  }

  /** Stops the tunnel (GOAWAY to the proxy, open streams reset), then the SSH server. */
  @Override
  public void close() {
    renewalThread.shutdownNow();
    supervisor.stop();
    tunnelThread.close();
    if (sshServer != null) {
      try {
        sshServer.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "SSH server did not stop cleanly", e);
      }
    }
    recording.close();
  }

  /**
   * Reads the kubeconfig, or the pod's service account without one, now, so that a bad one stops
   * the start with the reason.
   */
  private static KubeForwarder kubeForwarder(AgentConfig config) throws IOException {
    if (config.kube().isEmpty()) {
      return null;
    }
    AgentConfig.KubeOption option = config.kube().get();
    KubeForwarder forwarder =
        new KubeForwarder(option.cluster(), option.kubeconfig() == null
            ? InClusterConfig.load(System.getenv()) : Kubeconfig.load(option.kubeconfig()));
    LOG.info(() -> "serving " + forwarder);
    return forwarder;
  }

  /**
   * The stream acceptor of each service this node offers: SSH, apps and the rotation notice
   * always, Kubernetes if configured.
   */
  private static Map<String, StreamAcceptor> services(AgentConfig config, SshServerLink ssh,
      KubeForwarder kube, RotationNotice rotation) {
    Map<String, StreamAcceptor> services = new HashMap<>();
    services.put(RotationNotice.SERVICE, rotation);
    services.put(SshStreamAcceptor.SERVICE, new SshStreamAcceptor(ssh));
    services.put(AppStreamAcceptor.SERVICE, new AppStreamAcceptor(config.apps()));
    services.put(AppCatalog.SERVICE, new AppCatalog(config.apps()));
    if (kube != null) {
      services.put(KubeStreamTarget.SERVICE, kube::accept);
    }
    return services;
  }

  private static NodeIdentity establishIdentity(AgentConfig config, IdentityStore store)
      throws JoinException, IOException {
    if (store.hasIdentity()) {
      try {
        NodeIdentity identity = store.load();
        LOG.info(
            () ->
                "node "
                    + identity.node().node()
                    + " of cluster "
                    + identity.node().cluster()
                    + " (identity in "
                    + store.directory()
                    + ")"
                    + (config.token().isPresent() ? "; --token ignored, already joined" : ""));
        return identity;
      } catch (GeneralSecurityException e) {
        throw new JoinException("unusable identity in " + store.directory() + ": " + e.getMessage(), e);
      }
    }
    JoinParameters parameters =
        new JoinParameters(
            config
                .token()
                .orElseThrow(
                    () ->
                        new JoinException(
                            "no identity in " + store.directory() + " yet: --token is needed to join")),
            config.name(),
            config.labels(),
            config.caPin());
    NodeIdentity identity = new Joiner(config.proxy(), store).join(parameters);
    LOG.info(
        () ->
            "joined cluster "
                + identity.node().cluster()
                + " as node "
                + identity.node().node()
                + "; host certificate valid until "
                + identity.hostCertificate().validBefore());
    return identity;
  }

  private static void renewNow(CertificateRenewal renewal) {
    try {
      renewal.renew();
    } catch (JoinException e) {
      LOG.warning(() -> e.getMessage() + " after a CA rotation; retrying at the next check");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "host certificate renewal after a CA rotation failed", e);
    }
  }

  private static void checkRenewal(CertificateRenewal renewal) {
    try {
      renewal.renewIfDue();
    } catch (JoinException e) {
      LOG.warning(() -> e.getMessage() + "; retrying in " + RENEWAL_CHECK.toMinutes() + " minutes");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "host certificate renewal check failed", e);
    }
  }
}
