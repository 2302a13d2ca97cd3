package dev.outpost.web.ws;

import dev.outpost.config.OutpostConfig;
import dev.outpost.tunnel.TunnelSettings;
import dev.outpost.tunnel.admission.AdmissionLimiter;
import dev.outpost.tunnel.admission.AdmissionRate;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.time.Clock;

/**
 * One set of tunnel settings, with its stream-handler threads and keep-alive scheduler, shared by
 * every tunnel of this proxy (and lent to Tyrus for its session timers). Stream handlers run for a whole SSH session and block on I/O, so they
 * get the tunnel library's own growable pool rather than the container's bounded managed executor.
 * Keep-alive and resume timings and the agent admission rate come from the configuration
 * ({@code OUTPOST_TUNNEL_*}).
 */
@ApplicationScoped
public class TunnelRuntime {
  @Inject OutpostConfig config;
  private TunnelSettings settings;
  private AdmissionLimiter admission;

  @PostConstruct
  void configure() {
    OutpostConfig.TunnelTimings timings = config.tunnelTimings();
    TunnelSettings.Builder builder = TunnelSettings.builder();
    timings.pingInterval().ifPresent(builder::pingInterval);
    timings.idleTimeout().ifPresent(builder::idleTimeout);
    timings.resumeGrace().ifPresent(builder::resumeGrace);
    settings = builder.build();
    OutpostConfig.TunnelAdmission rate = config.tunnelAdmission();
    admission = new AdmissionLimiter(
        new AdmissionRate(rate.perSecond().orElse(AdmissionRate.DEFAULT.perSecond()),
            rate.burst().orElse(AdmissionRate.DEFAULT.burst())),
        Clock.systemUTC());
  }

  /**
   * At deployment, before the first WebSocket: Tyrus's session timers go to the tunnel's
   * scheduler ({@link TyrusScheduler}).
   */
  void deployed(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    TyrusScheduler.install(context.getAttribute(ServerContainer.class.getName()), settings.scheduler());
  }

  public TunnelSettings settings() {
    return settings;
  }

  /** The one limiter in front of every agent tunnel connect to this proxy. */
  AdmissionLimiter admission() {
    return admission;
  }
}
