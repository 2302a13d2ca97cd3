package dev.outpost.domain.role;

import java.util.List;

/**
 * What a user's roles grant on one Kubernetes cluster: whether they may reach it at all and, if
 * so, whom the agent impersonates at the API server.
 *
 * @param decision allowed, or the rule that refused
 * @param user the Kubernetes user to impersonate (empty when refused)
 * @param groups the Kubernetes groups to impersonate, sorted (empty when refused)
 */
public record KubernetesGrant(AccessDecision decision, String user, List<String> groups) {

  public KubernetesGrant {
    groups = List.copyOf(groups);
  }

  static KubernetesGrant denied(String reason) {
    return new KubernetesGrant(AccessDecision.denied(reason), "", List.of());
  }
}
