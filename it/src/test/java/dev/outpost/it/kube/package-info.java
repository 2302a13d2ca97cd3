/**
 * Kubernetes access end to end: stock kubectl on this host, the proxy, an agent in the edge
 * network namespace and, behind it, a stand-in API server (the fabric8 mock server in CRUD mode
 * with a thin front for discovery, watches, exec/attach over WebSocket, with or without a
 * terminal, and port-forward over SPDY/3.1 to an echo server), since no kube-apiserver can be
 * installed here. The same stand-in serves HTTPS to a second agent started as a pod with its
 * service account ({@link dev.outpost.it.kube.PodServiceAccount}).
 */
package dev.outpost.it.kube;
