package dev.outpost.application;

import dev.outpost.application.audit.AuditJournal;
import dev.outpost.application.audit.DurableAuditTrail;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.audit.AuditEvent;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The one audit journal of this proxy instance ({@code <data>/audit-journal/<instance>.jsonl}), its
 * quarantine ({@code <data>/audit-journal/quarantine/<instance>.jsonl}) and the timer that replays
 * it every 15 seconds. The journal serialises its own access; the timer is
 * not persistent, since each instance replays its own file.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditTrail {

  @Inject
  private OutpostConfig config;

  @EJB
  private AuditStore store;

  private DurableAuditTrail trail;

  @PostConstruct
  void wire() {
    trail = new DurableAuditTrail(store, new AuditJournal(config.auditJournal()),
        new AuditJournal(config.auditQuarantine()));
  }

  /** Writes {@code event} to the database, else to the journal. */
  public void record(AuditEvent event) {
    trail.record(event);
  }

  /** Writes {@code events} to the database together, else each to the database or the journal. */
  public void recordAll(List<AuditEvent> events) {
    trail.recordAll(events);
  }

  @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
  void replay() {
    trail.replay();
  }
}
