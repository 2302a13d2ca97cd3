/**
 * The agent's side of Kubernetes access: it reads the API server's address and its own
 * credentials from a kubeconfig, announces the cluster to the proxy, and serves each {@code kube}
 * stream by sending the request on to the API server as the user the proxy named (impersonation
 * headers), with the agent's credentials.
 */
package dev.outpost.agent.kube;
