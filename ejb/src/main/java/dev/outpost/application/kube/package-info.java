/**
 * Kubernetes access: clusters registered by nodes, the client certificate check, the role
 * decision that says whom the agent impersonates, and one audit event per API request.
 */
package dev.outpost.application.kube;
