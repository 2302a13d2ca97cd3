package dev.outpost.agent.join;

import dev.outpost.tunnel.StreamAcceptor;

/**
 * Serves the proxy's {@code renew} stream, opened on every tunnel after a CA rotation: the agent
 * renews its host certificate at once, which brings a certificate of the new host CA and the user
 * CA keys trusted now. The stream carries no data; the renewal itself goes over the authenticated
 * REST call as always, so the notice cannot change what the node trusts.
 */
public final class RotationNotice implements StreamAcceptor {
  public static final String SERVICE = "renew";

  private final Runnable renewNow;

  /** @param renewNow schedules a renewal on the renewal thread and returns */
  public RotationNotice(Runnable renewNow) {
    this.renewNow = renewNow;
  }

  @Override
  public StreamHandler accept(String target) {
    return stream -> {
      renewNow.run();
      stream.output().close();
    };
  }
}
