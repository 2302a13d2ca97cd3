package dev.outpost.web.ws;

import dev.outpost.application.AccessService;
import dev.outpost.tunnel.TunnelStream;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The SSH sessions this proxy relays right now, checked every {@value #SWEEP_SECONDS} seconds
 * against the locks in force: a session that a lock covers is reset with the lock's reason, so a
 * lock ends live sessions within seconds, not only new ones.
 */
@ApplicationScoped
public class LiveSessions {
  static final long SWEEP_SECONDS = 2;
  private static final Logger LOG = Logger.getLogger(LiveSessions.class.getName());

  /** One relayed session: who, where, and the client's side of the stream to end it by. */
  private record Live(String user, String node, TunnelStream client) {}

  private final Map<UUID, Live> sessions = new ConcurrentHashMap<>();

  @Inject AccessService access;
  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> sweep;

  @PostConstruct
  void startSweeping() {
    sweep = scheduler.scheduleWithFixedDelay(this::endLocked, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    sweep.cancel(false);
  }

  void started(UUID session, String user, String node, TunnelStream client) {
    sessions.put(session, new Live(user, node, client));
  }

  void ended(UUID session) {
    sessions.remove(session);
  }

  private void endLocked() {
    try {
      sessions.forEach((session, live) -> access.lockReason(live.user(), live.node()).ifPresent(reason -> {
        LOG.info(() -> "ending session " + session + " of " + live.user() + " on " + live.node() + ": " + reason);
        live.client().reset("session ended: " + reason);
      }));
    } catch (RuntimeException e) {
      // a failed sweep (database briefly away) must not cancel the schedule: the next one retries
      LOG.warning(() -> "cannot check live sessions against locks: " + e.getMessage());
    }
  }
}
