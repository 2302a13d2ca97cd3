package dev.outpost.agent.identity;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The identity in force, shared by the tunnel (its proof), the SSH server (host certificate, user
 * CAs) and renewal (which replaces it). Readers always see one complete identity, never a new
 * certificate with old CA keys.
 */
public final class CurrentIdentity {
  private final AtomicReference<NodeIdentity> identity;

  public CurrentIdentity(NodeIdentity initial) {
    identity = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public NodeIdentity get() {
    return identity.get();
  }

  public void replace(NodeIdentity renewed) {
    identity.set(Objects.requireNonNull(renewed, "renewed"));
  }
}
