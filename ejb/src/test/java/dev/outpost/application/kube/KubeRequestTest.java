package dev.outpost.application.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the audit says about a request, one row per kind of path. */
class KubeRequestTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      GET    | /api/v1/namespaces/default/pods            | limit=500          | list pods namespace=default
      GET    | /api/v1/namespaces/default/pods            | watch=1&rv=5       | watch pods namespace=default
      GET    | /api/v1/watch/namespaces/default/pods      | -                  | watch pods namespace=default
      GET    | /api/v1/pods                               | -                  | list pods
      GET    | /api/v1/namespaces/kube-system/pods/p1/log | follow=true        | get pods/log p1 namespace=kube-system
      POST   | /api/v1/namespaces/default/pods/p1/exec    | command=sh         | create pods/exec p1 namespace=default command=[sh]
      GET    | /api/v1/namespaces/default/pods/p1/exec    | command=sh&command=-c&command=ls%20%2F%0Aid&stdin=true | get pods/exec p1 namespace=default command=[sh, -c, ls /?id]
      GET    | /api/v1/namespaces/default/pods/p1/attach  | stdin=true         | get pods/attach p1 namespace=default
      GET    | /api/v1/namespaces/default/pods/p1/portforward | ports=80     | get pods/portforward p1 namespace=default
      POST   | /api/v1/namespaces/default/pods/p1/portforward | ports=80     | create pods/portforward p1 namespace=default
      POST   | /apis/apps/v1/namespaces/ops/deployments   | -                  | create deployments.apps namespace=ops
      DELETE | /api/v1/namespaces/default/configmaps/c1   | -                  | delete configmaps c1 namespace=default
      DELETE | /api/v1/namespaces/default/configmaps      | -                  | deletecollection configmaps namespace=default
      GET    | /api/v1/namespaces/default                 | -                  | get namespaces default namespace=default
      PATCH  | /api/v1/nodes/n1                           | -                  | patch nodes n1
      GET    | /version                                   | -                  | get
      GET    | /api                                       | -                  | get
      """)
  void describes(String method, String path, String query, String expected) {
    assertEquals(expected, KubeRequest.of(method, path, query).describe());
  }

  @Test
  void execAndAttachAreInteractiveSessionsNamingTheirContainer() {
    KubeRequest exec = KubeRequest.of("GET", "/api/v1/namespaces/default/pods/p1/exec",
        "command=sh&container=app%0A&stdin=true");
    assertTrue(exec.isInteractive());
    assertEquals("exec", exec.interaction());
    assertEquals("app?", exec.container());
    KubeRequest attach = KubeRequest.of("GET", "/api/v1/namespaces/default/pods/p1/attach",
        "container=app&stdin=true&command=ignored");
    assertTrue(attach.isInteractive());
    assertEquals("attach", attach.interaction());
    assertEquals("app", attach.container());
    assertEquals(List.of(), attach.command(), "an attach runs no command");
  }

  @Test
  void portForwardAndLogsAreNoInteractiveSessions() {
    for (String subresource : List.of("portforward", "log", "proxy")) {
      KubeRequest request = KubeRequest.of("POST",
          "/api/v1/namespaces/default/pods/p1/" + subresource, "ports=80&container=app");
      assertFalse(request.isInteractive(), subresource);
      assertEquals("", request.interaction(), subresource);
      assertEquals("", request.container(), subresource);
    }
  }
}
