package dev.outpost.agent;

import dev.outpost.agent.apps.AppSpec;
import dev.outpost.agent.identity.IdentityStore;
import dev.outpost.agent.ssh.AgentUser;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.client.tls.CaPin;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import dev.outpost.tunnel.TunnelSettings;
import picocli.CommandLine.Option;

/** {@code outpost-agent start}: joins on first start, then serves until stopped (SIGTERM, Ctrl-C). */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Join the cluster (first start) and keep the reverse tunnel up until stopped.")
final class StartCommand implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(StartCommand.class.getName());

  @Option(names = "--proxy", required = true, paramLabel = "HOST:PORT", description = "The proxy's public address.")
  String proxy;

  @Option(names = "--token", paramLabel = "TOKEN", description = "Join token; needed only for the first start.")
  String token;

  @Option(names = "--name", paramLabel = "NODE", description = "Node name (default: the host name).")
  String name;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "KEY=VALUE",
      description = "Node labels, e.g. env=edge,region=eu.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--app",
      paramLabel = "NAME=URL[,LABEL=VALUE…]",
      description = "A web app on this device to publish, e.g. grafana=http://127.0.0.1:3000,team=ops"
          + " (repeatable).")
  List<String> apps = new ArrayList<>();

  @Option(names = "--ca-pin", paramLabel = "sha256:HEX", description = "Pin of the cluster CA, for the first join.")
  String caPin;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Identity directory (default: /var/lib/outpost-agent, ~/.outpost-agent when not root).")
  Path dataDir;

  @Option(
      names = "--ssh-mode",
      paramLabel = "MODE",
      defaultValue = "builtin",
      description = "builtin (the agent's SSH server) or openssh (127.0.0.1:22).")
  SshMode sshMode;

  @Option(
      names = "--tunnel-ping-interval",
      paramLabel = "DURATION",
      defaultValue = "PT15S",
      description = "How often the tunnel pings the proxy (ISO-8601, default PT15S).")
  Duration pingInterval;

  @Option(
      names = "--tunnel-idle-timeout",
      paramLabel = "DURATION",
      defaultValue = "PT45S",
      description = "Silence after which the tunnel counts as lost and is redialled (default PT45S).")
  Duration idleTimeout;

  @Option(
      names = "--tunnel-resume-grace",
      paramLabel = "DURATION",
      defaultValue = "PT5M",
      description = "How long SSH sessions wait for a lost tunnel to come back (default PT5M).")
  Duration resumeGrace;

  @Option(
      names = "--kube-cluster",
      paramLabel = "NAME",
      description = "Serve this Kubernetes cluster (with --kubeconfig, or else the pod's service"
          + " account); labels are --labels.")
  String kubeCluster;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "The agent's kubeconfig for the API server of --kube-cluster (current context).")
  Path kubeconfig;

  @Override
  public Integer call() throws Exception {
    AgentConfig config = config();
    CountDownLatch stopped = new CountDownLatch(1);
    Agent agent = Agent.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  agent.close();
                  stopped.countDown();
                },
                "outpost-shutdown"));
    stopped.await();
    return 0;
  }

  AgentConfig config() {
    Path directory =
        dataDir != null
            ? dataDir
            : IdentityStore.defaultDirectory(AgentUser.current().root(), Path.of(System.getProperty("user.home")));
    return new AgentConfig(
        ProxyAddress.parse(proxy),
        Optional.ofNullable(token).filter(t -> !t.isBlank()),
        name != null ? name : hostName(),
        labels,
        Optional.ofNullable(caPin).map(pin -> CaPin.parse(pin).toString()),
        directory,
        sshMode,
        TunnelSettings.builder()
            .pingInterval(pingInterval)
            .idleTimeout(idleTimeout)
            .resumeGrace(resumeGrace)
            .build(),
        kube(),
        apps());
  }

  private Optional<AgentConfig.KubeOption> kube() {
    if (kubeCluster == null && kubeconfig != null) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--kubeconfig needs --kube-cluster, the name the cluster is served under");
    }
    return kubeCluster == null ? Optional.empty()
        : Optional.of(new AgentConfig.KubeOption(kubeCluster, kubeconfig));
  }

  private List<AppSpec> apps() {
    List<AppSpec> parsed = apps.stream().map(AppSpec::parse).toList();
    Set<String> names = new HashSet<>();
    parsed.stream().filter(app -> !names.add(app.name())).findFirst().ifPresent(app -> {
      throw new IllegalArgumentException("--app " + app.name() + " is given twice");
    });
    return parsed;
  }

  /** The kernel's host name; the JDK's lookup only where /proc is missing. */
  static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException unknown) {
        throw new IllegalArgumentException("cannot determine the host name; pass --name");
      }
    }
  }
}
