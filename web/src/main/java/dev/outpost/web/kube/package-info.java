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
 */
package dev.outpost.web.kube;
