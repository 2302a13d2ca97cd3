package dev.outpost.agent.kube;

import dev.outpost.agent.recording.NodeRequestSigner;
import dev.outpost.api.KubeRegistration;
import dev.outpost.client.http.ApiClient;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Announces the agent's Kubernetes cluster to the proxy at start, and again every {@link
 * #RETRY_SECONDS} until the proxy has taken it (it may be unreachable while the agent starts).
 */
public final class KubeRegistrar {
  static final String PATH = "/api/v1/agent/kube";
  static final long RETRY_SECONDS = 30;
  private static final Logger LOG = Logger.getLogger(KubeRegistrar.class.getName());

  private final String cluster;
  private final ApiClient api;
  private final NodeRequestSigner signer;

  public KubeRegistrar(String cluster, ApiClient api, NodeRequestSigner signer) {
    this.cluster = cluster;
    this.api = api;
    this.signer = signer;
  }

  /** Registers now on {@code thread}, retrying there until it succeeded. */
  public void start(ScheduledExecutorService thread) {
    thread.execute(() -> attempt(thread));
  }

  private void attempt(ScheduledExecutorService thread) {
    try {
      NodeRequestSigner.Signed signed = signer.sign(KubeRegistration.subject(cluster));
      api.post(PATH, new KubeRegistration(signed.proof(), signed.timestamp(), cluster), Map.class);
      LOG.info(() -> "registered Kubernetes cluster " + cluster);
    } catch (Exception e) {
      LOG.warning(() -> "cannot register Kubernetes cluster " + cluster + ": " + e.getMessage()
          + "; retrying in " + RETRY_SECONDS + " s");
      thread.schedule(() -> attempt(thread), RETRY_SECONDS, TimeUnit.SECONDS);
    }
  }
}
