/**
 * Kubernetes clusters behind agents: each is registered by the one node whose agent reaches its
 * API server, and takes that node's labels and online state.
 */
package dev.outpost.domain.kube;
