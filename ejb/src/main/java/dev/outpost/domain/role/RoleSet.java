package dev.outpost.domain.role;

import dev.outpost.api.UserCertificatePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A user's roles combined: the one place that decides what the user may do. Deny by default, and
 * deny wins:
 *
 * <ul>
 *   <li>a login on a node is allowed when one role lists the login in {@code allow.logins} and its
 *       {@code allow.node_labels} match the node, and refused when any role's {@code
 *       deny.node_labels} match the node or any role lists the login in {@code deny.logins};
 *   <li>a node is visible when at least one of the user's logins is allowed on it;
 *   <li>options: the shortest {@code max_session_ttl}; port forwarding and file copy only when a
 *       role allows them and no role forbids them; MFA when any role requires it;
 *   <li>a Kubernetes cluster is reachable when some role's {@code allow.kubernetes_labels} match it,
 *       no role's {@code deny.kubernetes_labels} do, and the matching roles grant at least one
 *       group or user; see {@link #kubernetes}.
 * </ul>
 */
public final class RoleSet {

  private final List<Role> roles;
  private final Traits traits;

  private RoleSet(List<Role> roles, Traits traits) {
    this.roles = roles;
    this.traits = traits;
  }

  public static RoleSet of(Collection<Role> roles, Traits traits) {
    return new RoleSet(roles.stream().sorted(Comparator.comparing(Role::name)).toList(), traits);
  }

  /** Role names, sorted. */
  public List<String> names() {
    return roles.stream().map(Role::name).toList();
  }

  public boolean has(String role) {
    return names().contains(role);
  }

  /**
   * Logins some role allows on some nodes and no role denies: the principals of the user's
   * certificate. Sorted.
   */
  public List<String> logins() {
    Set<String> logins = new TreeSet<>();
    roles.stream().filter(role -> !role.allow().nodeLabels().isEmpty())
        .forEach(role -> logins.addAll(expand(role.allow())));
    logins.removeIf(login -> deniedLogin(login).isPresent());
    return List.copyOf(logins);
  }

  /** Whether {@code login} may open a session on {@code node}, and if not, which rule refused. */
  public AccessDecision ssh(String login, String node, Map<String, String> labels) {
    for (Role role : roles) {
      if (role.deny().nodeLabels().matches(labels)) {
        return AccessDecision.denied("role " + role.name() + " denies nodes with "
            + role.deny().nodeLabels());
      }
    }
    Optional<Role> denying = deniedLogin(login);
    if (denying.isPresent()) {
      return AccessDecision.denied("role " + denying.get().name() + " denies login " + login);
    }
    boolean allowed = roles.stream().anyMatch(role ->
        role.allow().nodeLabels().matches(labels) && expand(role.allow()).contains(login));
    return allowed ? AccessDecision.ALLOWED : AccessDecision.denied("no role of " + names()
        + " allows login " + login + " on node " + node + " (deny by default)");
  }

  /**
   * Whether the user may open web app {@code app} with {@code labels}: some role's {@code
   * allow.app_labels} match and no role's {@code deny.app_labels} do.
   */
  public AccessDecision app(String app, Map<String, String> labels) {
    for (Role role : roles) {
      if (role.deny().appLabels().matches(labels)) {
        return AccessDecision.denied("role " + role.name() + " denies apps with "
            + role.deny().appLabels());
      }
    }
    return roles.stream().anyMatch(role -> role.allow().appLabels().matches(labels))
        ? AccessDecision.ALLOWED
        : AccessDecision.denied("no role of " + names() + " allows app " + app
            + " (deny by default)");
  }

  /** Whether the user may see {@code node} at all: some login of theirs is allowed on it. */
  public boolean maySee(String node, Map<String, String> labels) {
    return logins().stream().anyMatch(login -> ssh(login, node, labels).allowed());
  }

  /**
   * What the roles grant on Kubernetes cluster {@code cluster} with {@code labels}: the union of
   * {@code kubernetes_groups} of the allowing roles minus every role's denied groups, and as user
   * the first (sorted) of their {@code kubernetes_users} not denied, else {@code outpostUser}, as
   * Teleport does. Refused when nothing is left to impersonate: the API server would otherwise see
   * a user with no groups at all, which is never what a role meant.
   */
  public KubernetesGrant kubernetes(String cluster, Map<String, String> labels, String outpostUser) {
    for (Role role : roles) {
      if (role.deny().kubernetesLabels().matches(labels)) {
        return KubernetesGrant.denied("role " + role.name() + " denies Kubernetes clusters with "
            + role.deny().kubernetesLabels());
      }
    }
    List<Role> allowing = roles.stream()
        .filter(role -> role.allow().kubernetesLabels().matches(labels)).toList();
    if (allowing.isEmpty()) {
      return KubernetesGrant.denied("no role of " + names() + " allows Kubernetes cluster "
          + cluster + " (deny by default)");
    }
    Set<String> deniedGroups = new TreeSet<>();
    Set<String> deniedUsers = new TreeSet<>();
    roles.forEach(role -> {
      deniedGroups.addAll(role.deny().kubernetesGroups());
      deniedUsers.addAll(role.deny().kubernetesUsers());
    });
    Set<String> groups = new TreeSet<>();
    Set<String> users = new TreeSet<>();
    allowing.forEach(role -> {
      groups.addAll(role.allow().kubernetesGroups());
      users.addAll(role.allow().kubernetesUsers());
    });
    groups.removeAll(deniedGroups);
    users.removeAll(deniedUsers);
    if (groups.isEmpty() && users.isEmpty()) {
      return KubernetesGrant.denied("roles " + allowing.stream().map(Role::name).toList()
          + " allow Kubernetes cluster " + cluster
          + " but grant no kubernetes_groups or kubernetes_users");
    }
    String user = users.isEmpty() ? outpostUser : users.iterator().next();
    return new KubernetesGrant(AccessDecision.ALLOWED, user, List.copyOf(groups));
  }

  /** The shortest {@code max_session_ttl} of the roles, if any sets one. */
  public Optional<Duration> maxSessionTtl() {
    return options(RoleOptions::maxSessionTtl).min(Comparator.naturalOrder());
  }

  /** {@code requested}, shortened to {@link #maxSessionTtl()}. */
  public Duration capSessionTtl(Duration requested) {
    return maxSessionTtl().filter(max -> max.compareTo(requested) < 0).orElse(requested);
  }

  /** Whether {@code direct-tcpip} channels ({@code ssh -L}, {@code -W}) are allowed. */
  public boolean permitsPortForwarding() {
    return permits(RoleOptions::portForwarding);
  }

  /** Whether scp and sftp are allowed. */
  public boolean permitsFileCopy() {
    return permits(RoleOptions::fileCopy);
  }

  /**
   * Whether a terminal the node cannot record may run unrecorded: only when a role says
   * {@code best-effort} and none says {@code strict}.
   */
  public boolean recordsBestEffort() {
    List<RecordingMode> said = options(RoleOptions::recordSession).toList();
    return said.contains(RecordingMode.BEST_EFFORT) && !said.contains(RecordingMode.STRICT);
  }

  /** The shortest {@code client_idle_timeout} of the roles, if any sets one. */
  public Optional<Duration> clientIdleTimeout() {
    return options(RoleOptions::clientIdleTimeout).min(Comparator.naturalOrder());
  }

  /** The certificate extensions that carry this role set to the node, for {@code cluster}. */
  public UserCertificatePermissions certificatePermissions(String cluster) {
    return new UserCertificatePermissions(cluster, names(), permitsPortForwarding(),
        permitsFileCopy(), recordsBestEffort(), clientIdleTimeout());
  }

  /** Whether login needs a second factor. */
  public boolean requiresMfa() {
    return options(RoleOptions::requireMfa).anyMatch(Boolean::booleanValue);
  }

  private boolean permits(Function<RoleOptions, Optional<Boolean>> option) {
    List<Boolean> said = options(option).toList();
    return said.contains(Boolean.TRUE) && !said.contains(Boolean.FALSE);
  }

  private <T> Stream<T> options(Function<RoleOptions, Optional<T>> option) {
    return roles.stream().map(role -> option.apply(role.options())).flatMap(Optional::stream);
  }

  private Optional<Role> deniedLogin(String login) {
    return roles.stream().filter(role -> expand(role.deny()).contains(login)).findFirst();
  }

  private List<String> expand(RoleConditions conditions) {
    return conditions.logins().stream()
        .flatMap(template -> LoginTemplate.expand(template, traits).stream())
        .distinct().toList();
  }
}
