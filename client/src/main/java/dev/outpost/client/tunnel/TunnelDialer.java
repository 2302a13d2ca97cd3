package dev.outpost.client.tunnel;

import dev.outpost.tunnel.Tunnel;

/** Opens one authenticated tunnel to the proxy, or fails with a reason; blocks while it tries. */
@FunctionalInterface
public interface TunnelDialer {
  Tunnel dial() throws Exception;
}
