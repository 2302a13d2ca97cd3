package dev.outpost.application;

import dev.outpost.application.audit.RetentionSweep;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditRepository;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Runs the {@link RetentionSweep} every night at 03:17 on each instance; a second instance finds
 * nothing left to delete. Not persistent: a sweep missed while the proxy was down is the next
 * night's.
 */
@Singleton
public class RetentionTimer {

  @Inject
  private AuditRepository events;

  @Inject
  private RecordingRepository recordings;

  @Inject
  private RecordingStore store;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private AuditLog audit;

  @Schedule(hour = "3", minute = "17", persistent = false)
  void sweep() {
    new RetentionSweep(events, recordings, store, audit::record, config.clusterName(),
        config.retention(), clock).sweep();
  }
}
