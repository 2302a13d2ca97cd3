package dev.outpost.application.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.kube.KubeCluster;
import dev.outpost.domain.kube.KubeClusterRepository;
import dev.outpost.domain.node.Node;
import dev.outpost.domain.node.NodeLabels;
import dev.outpost.domain.node.NodeName;
import dev.outpost.domain.role.RoleDirectory;
import dev.outpost.domain.role.StoredRole;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.InMemoryLocks;
import dev.outpost.testing.InMemoryNodes;
import dev.outpost.testing.InMemoryRoles;
import dev.outpost.testing.InMemoryUsers;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A root cluster's user on a leaf: the leaf's own kube rules decide, with the mapped roles. */
class KubeAccessRemoteTest {
  private static final String CLUSTER = "leaf";
  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryNodes nodes = new InMemoryNodes();
  private final InMemoryRoles roles = InMemoryRoles.withBuiltins();
  private final RecordingAudit audit = new RecordingAudit();
  private final List<KubeCluster> registered = new ArrayList<>();
  private final KubeAccess access = new KubeAccess(CLUSTER, new InMemoryUsers(), nodes,
      new KubeClusterRepository() {
        @Override
        public Optional<KubeCluster> find(String cluster, String name) {
          return registered.stream().filter(kube -> kube.name().equals(name)).findFirst();
        }

        @Override
        public List<KubeCluster> list(String cluster) {
          return List.copyOf(registered);
        }

        @Override
        public void add(KubeCluster kubeCluster) {
          registered.add(kubeCluster);
        }
      }, new RoleDirectory(roles), new InMemoryLocks(), audit, clock);

  KubeAccessRemoteTest() {
    roles.add(new StoredRole("""
        kind: role
        name: depot-ops
        allow:
          kubernetes_groups: [depot-viewers]
          kubernetes_labels: {site: leaf}
        """, Instant.EPOCH));
    Node node = new Node(CLUSTER, new NodeName("gw"), new NodeLabels(Map.of("site", "leaf")),
        "SHA256:x", clock.instant());
    node.connected("proxy-1", "10.0.0.9", clock.instant());
    nodes.add(node);
    access.register("gw", "depot-k8s");
  }

  private UserIdentity remote(String... leafRoles) {
    return new UserIdentity("alice@root", Set.of(leafRoles), List.of(),
        clock.instant().plusSeconds(60));
  }

  @Test
  void theMappedRolesDecideAndNameTheImpersonation() {
    KubeRoute route = access.authorizeRemote(remote("depot-ops"), "depot-k8s", "192.0.2.7");
    assertEquals(new KubeRoute("alice@root", "depot-k8s", "gw", "alice@root",
        List.of("depot-viewers"), false), route, "recording required: no role says best-effort");
  }

  @Test
  void aMappedRoleWithoutTheClusterIsRefusedAndAudited() {
    OutpostException refused = assertThrows(OutpostException.class,
        () -> access.authorizeRemote(remote("access"), "depot-k8s", "192.0.2.7"));
    assertEquals(OutpostException.Kind.FORBIDDEN, refused.kind());
    assertEquals(1, audit.count(AuditEventType.ACCESS_DENIED, Outcome.FAILURE));
    assertEquals("alice@root", audit.last().actor());
    assertEquals("kube:depot-k8s", audit.last().target());
  }

  @Test
  void anUnknownClusterAnswersLikeAForbiddenOne() {
    OutpostException refused = assertThrows(OutpostException.class,
        () -> access.authorizeRemote(remote("depot-ops"), "other", "192.0.2.7"));
    assertEquals(OutpostException.Kind.FORBIDDEN, refused.kind());
  }

  @Test
  void anExecTheProxyRefusesIsAuditedWithWhy() {
    KubeRoute route = access.authorizeRemote(remote("depot-ops"), "depot-k8s", "192.0.2.7");
    access.refused(route, KubeRequest.of("POST", "/api/v1/namespaces/default/pods/web-0/exec",
        "command=sh&stdin=true"), 403, "kubectl exec over SPDY/3.1 cannot be recorded", "192.0.2.7");
    assertEquals(1, audit.count(AuditEventType.KUBE_REQUEST, Outcome.FAILURE));
    assertEquals("create pods/exec web-0 namespace=default command=[sh] status=403 refused:"
        + " kubectl exec over SPDY/3.1 cannot be recorded", audit.last().message());
    assertEquals("alice@root", audit.last().login(), "the impersonated user");
    assertEquals("gw", audit.last().node());
  }

  @Test
  void theLeafListsWhatTheMappedRolesReach() {
    assertEquals(List.of("depot-k8s"),
        access.listFor(remote("depot-ops")).stream().map(view -> view.name()).toList());
    assertEquals(List.of(), access.listFor(remote("access")));
  }
}
