package dev.outpost.web.ws;

import dev.outpost.config.OutpostConfig;
import dev.outpost.tunnel.TunnelSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One set of tunnel settings, with its stream-handler threads and keep-alive scheduler, shared by
 * every tunnel of this proxy. Stream handlers run for a whole SSH session and block on I/O, so they
 * get the tunnel library's own growable pool rather than the container's bounded managed executor.
 * Keep-alive and resume timings come from the configuration ({@code OUTPOST_TUNNEL_*}).
 */
@ApplicationScoped
public class TunnelRuntime {
  @Inject OutpostConfig config;
  private TunnelSettings settings;

  @PostConstruct
  void configure() {
    OutpostConfig.TunnelTimings timings = config.tunnelTimings();
    TunnelSettings.Builder builder = TunnelSettings.builder();
    timings.pingInterval().ifPresent(builder::pingInterval);
    timings.idleTimeout().ifPresent(builder::idleTimeout);
    timings.resumeGrace().ifPresent(builder::resumeGrace);
    settings = builder.build();
  }

  TunnelSettings settings() {
    return settings;
  }
}
