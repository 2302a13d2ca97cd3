package dev.outpost.application.kube;

import java.util.List;

/**
 * An authorised kube request's way on: through which node's agent, impersonating whom.
 *
 * @param user the Outpost user (from the client certificate)
 * @param kubeCluster the Kubernetes cluster
 * @param node the node whose agent reaches its API server
 * @param kubeUser the Kubernetes user the agent impersonates
 * @param kubeGroups the Kubernetes groups the agent impersonates
 * @param unrecordedSessions whether the roles let an exec or attach run unrecorded where it cannot
 *     be recorded ({@code record_session: best-effort})
 */
public record KubeRoute(String user, String kubeCluster, String node, String kubeUser,
    List<String> kubeGroups, boolean unrecordedSessions) {

  public KubeRoute {
    kubeGroups = List.copyOf(kubeGroups);
  }
}
