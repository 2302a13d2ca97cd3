package dev.outpost.api;

import java.util.List;
import java.util.Map;

/**
 * One Kubernetes cluster as listed by {@code GET /api/v1/kube/clusters}.
 *
 * @param name the name {@code outpost kube login} takes
 * @param node the node whose agent reaches its API server
 * @param labels the labels roles select it by ({@code kubernetes_labels}): its node's
 * @param online whether that node's tunnel is connected now
 * @param user the Kubernetes user requests are made as (impersonated)
 * @param groups the Kubernetes groups requests are made with (impersonated)
 */
public record KubeClusterView(
    String name,
    String node,
    Map<String, String> labels,
    boolean online,
    String user,
    List<String> groups) {}
