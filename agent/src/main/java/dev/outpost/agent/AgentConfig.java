package dev.outpost.agent;

import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.client.http.ProxyAddress;
import dev.outpost.agent.apps.AppSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated command line of {@code outpost-agent start}.
 *
 * @param proxy the proxy's public address
 * @param token the join token; only needed while the data directory holds no identity
 * @param name requested node name
 * @param labels node labels sent when joining
 * @param caPin the cluster CA pin for the first join
 * @param dataDirectory where the identity lives
 * @param sshMode which SSH server serves the streams
 * @param tunnel keep-alive, idle timeout and resume grace of the reverse tunnel
 * @param kube the Kubernetes cluster this agent serves, if any
 * @param apps the web apps this node publishes
 */
public record AgentConfig(
    ProxyAddress proxy,
    Optional<String> token,
    String name,
    Map<String, String> labels,
    Optional<String> caPin,
    Path dataDirectory,
    SshMode sshMode,
    TunnelSettings tunnel,
    Optional<KubeOption> kube,
    List<AppSpec> apps) {

  /**
   * {@code --kube-cluster} and {@code --kubeconfig}.
   *
   * @param cluster the name users log in to
   * @param kubeconfig the agent's own kubeconfig for the API server, or null for the pod's
   *     service account (in-cluster)
   */
  public record KubeOption(String cluster, Path kubeconfig) {}

  public AgentConfig {
    labels = Map.copyOf(labels);
    apps = List.copyOf(apps);
  }
}
