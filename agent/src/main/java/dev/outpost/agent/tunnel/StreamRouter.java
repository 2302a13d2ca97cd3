package dev.outpost.agent.tunnel;

import dev.outpost.agent.kube.KubeForwarder;
import dev.outpost.tunnel.StreamAcceptor;
import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.http.KubeStreamTarget;

/**
 * Sends each stream the proxy opens to the service it names: {@code kube?…} to the Kubernetes
 * forwarder when the agent has one, everything else to SSH (which refuses what it does not serve).
 */
public final class StreamRouter implements StreamAcceptor {
  private final StreamAcceptor ssh;
  private final KubeForwarder kube;

  /** @param kube the Kubernetes forwarder, or null when the agent serves no cluster */
  public StreamRouter(StreamAcceptor ssh, KubeForwarder kube) {
    this.ssh = ssh;
    this.kube = kube;
  }

  @Override
  public StreamHandler accept(String target) throws StreamRefusedException {
    if (target.startsWith(KubeStreamTarget.SERVICE + "?")) {
      if (kube == null) {
        throw new StreamRefusedException("this agent serves no Kubernetes cluster");
      }
      return kube.accept(target);
    }
    return ssh.accept(target);
  }
}
