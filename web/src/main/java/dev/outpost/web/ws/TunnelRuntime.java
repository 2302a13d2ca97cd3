package dev.outpost.web.ws;

import dev.outpost.tunnel.TunnelSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One set of tunnel settings, with its stream-handler threads and keep-alive scheduler, shared by
 * every tunnel of this proxy. Stream handlers run for a whole SSH session and block on I/O, so they
 * get the tunnel library's own growable pool rather than the container's bounded managed executor.
 */
@ApplicationScoped
public class TunnelRuntime {
  private final TunnelSettings settings = TunnelSettings.defaults();

  TunnelSettings settings() {
    return settings;
  }
}
