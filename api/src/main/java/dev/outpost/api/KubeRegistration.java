package dev.outpost.api;

/**
 * {@code POST /api/v1/agent/kube}: a node announces the Kubernetes cluster its agent reaches
 * (at every agent start; idempotent for the same node).
 *
 * @param proof the node's host certificate proof over {@link CertificateProof#nodeRequestChallenge}
 *     with subject {@link #subject(String)}
 * @param timestamp epoch seconds the proof was made at
 * @param name the Kubernetes cluster's name, a DNS label unique in the Outpost cluster
 */
public record KubeRegistration(CertificateProof proof, long timestamp, String name) {

  public static String subject(String name) {
    return "kube-register:" + name;
  }
}
