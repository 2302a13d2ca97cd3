/**
 * The Kubernetes API front door on the public port: {@code /kube/CLUSTER/…} requests from stock
 * {@code kubectl}, authenticated by the TLS client certificate, decided by the roles and forwarded
 * as HTTP/1.1 over one tunnel stream per request to the agent that reaches the API server.
 *
 * <pre>
 * kubectl ──TLS, client cert──▶ KubeProxyServlet ── KubeService.authorize (roles, locks)
 *                                 │ refuse Impersonate-*; Status JSON on refusal
 *                                 ▼
 *                               KubeExchange: request head + body ═ stream kube?cluster=…&amp;user=…&amp;group=…
 *                                 ▲                                   ▼
 *                                 └── response head, body (streamed) ═ agent ── API server
 * </pre>
 *
 * <p>Between clusters: on a root, {@code /kube/KUBE.LEAF/…} goes on a stream of the leaf's tunnel
 * instead; on the leaf, {@link dev.outpost.web.kube.RootKubeRequests} decides about it with the
 * role map and forwards it to the agent like a local request.
 */
package dev.outpost.web.kube;
