package dev.outpost.domain.role;

import java.util.List;

/**
 * One side of a role, {@code allow} or {@code deny}: what it grants or takes away.
 *
 * @param logins OS logins, literally or as trait templates such as {@code {{internal.logins}}}
 * @param nodeLabels the nodes it covers
 * @param kubernetesGroups Kubernetes groups to impersonate
 * @param kubernetesUsers Kubernetes users to impersonate
 * @param kubernetesLabels the Kubernetes clusters it covers
 * @param appLabels the web apps it covers
 */
public record RoleConditions(
    List<String> logins,
    LabelSelector nodeLabels,
    List<String> kubernetesGroups,
    List<String> kubernetesUsers,
    LabelSelector kubernetesLabels,
    LabelSelector appLabels) {

  /** Grants or takes away nothing. */
  public static final RoleConditions NONE = new RoleConditions(List.of(), LabelSelector.NONE,
      List.of(), List.of(), LabelSelector.NONE, LabelSelector.NONE);

  public RoleConditions {
    logins = List.copyOf(logins);
    kubernetesGroups = List.copyOf(kubernetesGroups);
    kubernetesUsers = List.copyOf(kubernetesUsers);
  }
}
