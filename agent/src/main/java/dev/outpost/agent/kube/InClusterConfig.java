package dev.outpost.agent.kube;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The API server of the cluster the agent runs in as a pod, with the pod's service account: what
 * client-go's in-cluster config reads. The address comes from {@code KUBERNETES_SERVICE_HOST} and
 * {@code KUBERNETES_SERVICE_PORT}, which the kubelet sets in every container; the token and the
 * cluster CA from the mounted service account directory ({@code token}, read at each request since
 * the kubelet rotates it, and {@code ca.crt}).
 */
public final class InClusterConfig {
  /** Where the kubelet mounts the service account. */
  public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
  /** Names another service account directory (tests, or a pod that mounts it elsewhere). */
  public static final String DIRECTORY_VARIABLE = "OUTPOST_KUBE_SERVICE_ACCOUNT_DIR";

  private InClusterConfig() {}

  /**
   * @param env the agent's environment
   * @throws IllegalArgumentException naming what is missing when the agent is not in a pod
   */
  public static KubeApiServer load(Map<String, String> env) throws IOException {
    String host = required(env, "KUBERNETES_SERVICE_HOST");
    String port = required(env, "KUBERNETES_SERVICE_PORT");
    if (!port.matches("\\d{1,5}")) {
      throw new IllegalArgumentException("KUBERNETES_SERVICE_PORT is not a port: " + port);
    }
    Path directory = Optional.ofNullable(env.get(DIRECTORY_VARIABLE)).filter(d -> !d.isBlank())
        .map(Path::of).orElse(SERVICE_ACCOUNT);
    Path token = directory.resolve("token");
    Path ca = directory.resolve("ca.crt");
    for (Path file : new Path[] {token, ca}) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("no service account " + file.getFileName() + " at "
            + file + ": mount the pod's service account (automountServiceAccountToken) or give"
            + " --kubeconfig");
      }
    }
    String authority = host.contains(":") ? "[" + host + "]" : host;
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, Kubeconfig.trusting(Files.readAllBytes(ca)), null);
      return new KubeApiServer(URI.create("https://" + authority + ":" + port), tls,
          Optional.empty(), Optional.of(token));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("service account ca.crt unusable: " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--kube-cluster without --kubeconfig uses the pod's"
          + " service account, but " + name + " is not set: is the agent running in a pod?");
    }
    return value.strip();
  }
}
